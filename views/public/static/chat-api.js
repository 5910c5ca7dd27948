// What the chat page (plugin chat, chat.js) asks of the server: the chat API with the session
// cookie, the CSRF header (double-submit cookie `atoll_csrf`, as app.js sends for htmx) and the page's
// tenant as `x-tenant-id`; the run's server-sent events, read frame by frame; the server-rendered
// transcript partial, swapped in; and the followed run remembered in sessionStorage across reloads. Loaded
// before chat.js (htmx keeps script order). Kept out of the HTML: the CSP allows no inline script.
(function () {
  if (window.AtollChatApi) return;

  function csrfToken() {
    var match = document.cookie.match(/(?:^|; )atoll_csrf=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : '';
  }

  /**
   * @param {Element} root
   * @param {boolean} json
   */
  function headers(root, json) {
    /** @type {Record<string, string>} */
    var h = { 'x-csrf-token': csrfToken(), 'x-tenant-id': root.getAttribute('data-tenant') || '' };
    if (json) h['content-type'] = 'application/json';
    return h;
  }

  /**
   * @param {Element} root
   * @param {string} path
   */
  function url(root, path) {
    return '/api/v1/chat/sessions/' + root.getAttribute('data-session') + path;
  }

  /**
   * @param {number} status
   * @param {string} text
   */
  function problemText(status, text) {
    try {
      var body = JSON.parse(text);
      return body.detail || body.title || 'Request failed (' + status + ')';
    } catch (e) {
      return 'Request failed (' + status + ')';
    }
  }

  // The response if it is a success, else an Error with the problem's detail.
  /** @param {Response} res */
  function checked(res) {
    if (res.ok) return res;
    return res.text().then(function (text) {
      throw new Error(problemText(res.status, text));
    });
  }

  /**
   * @param {Element} root
   * @param {string} path
   * @param {object} [body]
   * @param {AbortSignal} [signal]
   */
  function post(root, path, body, signal) {
    return fetch(url(root, path), { method: 'POST', credentials: 'same-origin', headers: headers(root, true), body: JSON.stringify(body || {}), signal: signal }).then(checked);
  }

  /**
   * @param {Element} root
   * @param {string} runId
   * @param {number} after
   * @param {AbortSignal} [signal]
   */
  function events(root, runId, after, signal) {
    return fetch(url(root, '/runs/' + runId + '/events?after=' + after), { credentials: 'same-origin', headers: headers(root, false), signal: signal }).then(checked);
  }

  // Swaps in the server's transcript partial (keeping tool calls the user opened or closed as they
  // were, and the title the first question gave the chat); resolves with it, or null.
  /** @param {Element} root */
  function swapTranscript(root) {
    return fetch('/app/chat/' + root.getAttribute('data-session') + '/transcript', { credentials: 'same-origin', cache: 'no-store', headers: { 'hx-request': 'true' } }).then(function (res) {
      if (!res.ok) return null;
      return res.text().then(function (html) {
        var holder = document.createElement('template');
        holder.innerHTML = html.trim();
        var next = holder.content.querySelector('#chat-transcript');
        var old = document.getElementById('chat-transcript');
        if (!next || !old) return null;
        /** @type {NodeListOf<HTMLDetailsElement>} */ (old.querySelectorAll('details[data-tool-call]')).forEach(function (before) {
          var after = /** @type {HTMLDetailsElement | null} */ (/** @type {Element} */ (next).querySelector('details[data-tool-call="' + before.getAttribute('data-tool-call') + '"]'));
          if (after && after.getAttribute('data-status') === before.getAttribute('data-status')) after.open = before.open;
        });
        old.replaceWith(next);
        var title = document.getElementById('chat-title');
        if (title && next.getAttribute('data-title')) title.textContent = next.getAttribute('data-title');
        return next;
      });
    });
  }

  /**
   * @param {string} frame
   * @returns {ChatRunEvent}
   */
  function parseFrame(frame) {
    /** @type {ChatRunEvent} */
    var e = { id: 0, type: '', data: null };
    frame.split('\n').forEach(function (line) {
      if (line.indexOf('id: ') === 0) e.id = Number(line.slice(4));
      else if (line.indexOf('event: ') === 0) e.type = line.slice(7);
      else if (line.indexOf('data: ') === 0) e.data = JSON.parse(line.slice(6));
    });
    return e;
  }

  // Reads an SSE body: `onEvents(events)` per chunk (the next waits for its promise); resolves with the
  // run's last event (`done` or `error`), or null when the stream closed before it.
  /**
   * @param {ReadableStream<Uint8Array>} body
   * @param {(events: ChatRunEvent[]) => unknown} onEvents
   * @returns {Promise<ChatRunEvent | null>}
   */
  function read(body, onEvents) {
    var reader = body.getReader();
    var decoder = new TextDecoder();
    var buffer = '';
    /** @returns {Promise<ChatRunEvent | null>} */
    function step() {
      return reader.read().then(function (chunk) {
        if (chunk.done) return null;
        buffer += decoder.decode(chunk.value, { stream: true });
        var frames = buffer.split('\n\n');
        buffer = /** @type {string} */ (frames.pop()); // split always gives at least one piece
        var batch = frames.map(parseFrame).filter(function (e) {
          return e.type;
        });
        var last =
          batch.filter(function (e) {
            return e.type === 'done' || e.type === 'error';
          })[0] || null;
        return Promise.resolve(onEvents(batch)).then(function () {
          if (!last) return step();
          reader.cancel().catch(function () {});
          return last;
        });
      });
    }
    return step();
  }

  var STORE = 'atoll-chat:';
  /**
   * @param {string | null} sessionId
   * @param {ChatSavedRun} state
   */
  function remember(sessionId, state) {
    try {
      sessionStorage.setItem(STORE + sessionId, JSON.stringify(state));
    } catch (e) {
      /* storage off: no reattaching after a reload */
    }
  }
  /** @param {string | null} sessionId */
  function recall(sessionId) {
    try {
      return JSON.parse(sessionStorage.getItem(STORE + sessionId) || 'null');
    } catch (e) {
      return null;
    }
  }
  /** @param {string | null} sessionId */
  function forget(sessionId) {
    try {
      sessionStorage.removeItem(STORE + sessionId);
    } catch (e) {
      /* storage off */
    }
  }

  window.AtollChatApi = { post: post, events: events, swapTranscript: swapTranscript, read: read, remember: remember, recall: recall, forget: forget };
})();
