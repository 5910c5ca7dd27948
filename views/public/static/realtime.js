// Live events for pages that ask for them with `data-realtime-topics="datasets,jobs"` (on <body> or
// any element). Gets a single-use ticket (POST /api/v1/realtime/tickets, with the CSRF header the
// session cookie needs), opens the tenant's WebSocket, and re-dispatches every event on
// document.body as `realtime:<topic>` and `realtime:<type>` CustomEvents (detail = the event), e.g.
// `hx-trigger="realtime:datasets from:body"`. Reconnects with backoff and the last event id, so
// missed events are replayed; `realtime:realtime.gap` tells a page to refetch. Does nothing on pages
// without the attribute. Protocol: plugins/realtime/README.md.
(function () {
  /** @type {WebSocket | null} */
  var socket = null;
  var topics = '';
  /** @type {number | null} */
  var lastEventId = null;
  var attempt = 0;
  /** @type {number | null} */
  var retryTimer = null;
  /** @type {number | null} */
  var pingTimer = null;
  var stopped = false;

  function csrfToken() {
    var match = document.cookie.match(/(?:^|; )atoll_csrf=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : '';
  }

  // The union of every data-realtime-topics on the page, sorted so changes are easy to spot.
  function wantedTopics() {
    /** @type {Record<string, boolean>} */
    var set = {};
    document.querySelectorAll('[data-realtime-topics]').forEach(function (el) {
      (el.getAttribute('data-realtime-topics') || '').split(',').forEach(function (t) {
        t = t.trim();
        if (t) set[t] = true;
      });
    });
    return Object.keys(set).sort().join(',');
  }

  /** @param {RealtimeEvent} event */
  function dispatch(event) {
    var names = ['realtime:' + event.topic];
    if (event.type !== event.topic) names.push('realtime:' + event.type);
    names.forEach(function (name) {
      document.body.dispatchEvent(new CustomEvent(name, { detail: event, bubbles: false }));
    });
  }

  function scheduleReconnect() {
    if (stopped || !topics || retryTimer) return;
    // 1 s, 2 s, 4 s … up to 30 s, with jitter so a restarted hub is not hit by every tab at once.
    var delay = Math.min(30000, 1000 * Math.pow(2, attempt)) * (0.5 + Math.random() / 2);
    attempt += 1;
    retryTimer = setTimeout(function () {
      retryTimer = null;
      connect();
    }, delay);
  }

  function disconnect() {
    clearInterval(/** @type {number | undefined} */ (pingTimer)); // null clears nothing, like undefined
    pingTimer = null;
    if (socket) {
      var old = socket;
      socket = null;
      old.close(1000, 'page left');
    }
  }

  function connect() {
    if (stopped || !topics || socket) return;
    var wanted = topics;
    fetch('/api/v1/realtime/tickets', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken() },
      body: JSON.stringify({ topics: wanted.split(',') }),
    })
      .then(function (res) {
        // Signed out, no tenant chosen, or not a member: retrying cannot help until the page reloads.
        if (res.status === 400 || res.status === 401 || res.status === 403 || res.status === 404) {
          stopped = true;
          return null;
        }
        if (!res.ok) throw new Error('ticket ' + res.status);
        return res.json();
      })
      .then(function (grant) {
        if (!grant || socket || wanted !== topics) return;
        var url = new URL(grant.url, location.href);
        url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
        if (lastEventId !== null) url.searchParams.set('lastEventId', String(lastEventId));
        open(url.toString());
      })
      .catch(scheduleReconnect);
  }

  /** @param {string} url */
  function open(url) {
    var ws = new WebSocket(url);
    socket = ws;
    ws.addEventListener('message', function (message) {
      if (message.data === 'pong') return;
      var event;
      try {
        event = JSON.parse(message.data);
      } catch (e) {
        return;
      }
      if (typeof event.id === 'number') lastEventId = event.id;
      if (event.type === 'realtime.ready') attempt = 0;
      dispatch(event);
    });
    // Keeps idle proxies from closing the socket; the hub answers without waking up.
    pingTimer = setInterval(function () {
      if (ws.readyState === WebSocket.OPEN) ws.send('ping');
    }, 30000);
    ws.addEventListener('close', function () {
      if (socket !== ws) return;
      socket = null;
      clearInterval(/** @type {number | undefined} */ (pingTimer)); // null clears nothing, like undefined
      pingTimer = null;
      scheduleReconnect();
    });
  }

  // Called on load and after every htmx swap (boosted navigation replaces the page's content).
  function sync() {
    var wanted = wantedTopics();
    if (wanted === topics) return;
    var before = topics;
    topics = wanted;
    if (!wanted) {
      disconnect();
      return;
    }
    if (socket && socket.readyState === WebSocket.OPEN && before) {
      var old = before.split(',');
      var now = wanted.split(',');
      var added = now.filter(function (t) {
        return old.indexOf(t) < 0;
      });
      var removed = old.filter(function (t) {
        return now.indexOf(t) < 0;
      });
      if (added.length) socket.send(JSON.stringify({ action: 'subscribe', topics: added }));
      if (removed.length) socket.send(JSON.stringify({ action: 'unsubscribe', topics: removed }));
      return;
    }
    disconnect();
    connect();
  }

  document.addEventListener('DOMContentLoaded', sync);
  if (document.readyState !== 'loading') sync();
  document.addEventListener('htmx:afterSettle', sync);
  window.addEventListener('pagehide', disconnect);
  window.addEventListener('pageshow', function (e) {
    if (e.persisted) {
      topics = '';
      sync();
    }
  });
})();
