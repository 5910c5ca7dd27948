// The chat page (plugin chat). Send posts the question and follows the run's events (chat-api.js):
// text deltas go into a live bubble as plain text (textContent, never HTML); after each step (run
// start, model call stored, tool result, approval needed, end) the page swaps in the server's
// transcript, so Markdown, tables and charts are always the server's rendering. The run id and the
// last step's event seq are kept in sessionStorage: after a reload the page reattaches with
// `events?after=<seq>` and the answer goes on. Kept out of the HTML: the CSP allows no inline script.
// Safe to load more than once (htmx re-runs scripts when it swaps a boosted page in).
(function () {
  if (window.__atollChat) return;
  window.__atollChat = true;
  // chat-api.js is loaded before this script.
  var api = /** @type {AtollChatApi} */ (window.AtollChatApi);

  // The run being followed: { root, runId, seq, base, text, tools, waiting, controller }. `base` is
  // the seq of the last step stored: the live bubble holds what streamed after it.
  /**
   * @typedef {object} ChatRun
   * @property {Element} root
   * @property {string} runId
   * @property {number} seq
   * @property {number} base
   * @property {string} text
   * @property {string[]} tools
   * @property {boolean} waiting
   * @property {AbortController} controller
   */
  /** @type {ChatRun | null} */
  var current = null;
  // Events after which what streamed before them is stored (so the transcript shows it).
  /** @type {Record<string, number>} */
  var STEP = { run: 1, usage: 1, tool_result: 1, approval_required: 1, compacted: 1, done: 1, error: 1 };

  // Typed as found: the elements it is asked for are the chat page's own (init leaves when #chat is not there).
  /** @param {string} id */
  function $(id) {
    return /** @type {HTMLElement} */ (document.getElementById(id));
  }
  /** @param {Element} root */
  function sessionOf(root) {
    return root.getAttribute('data-session');
  }

  /**
   * @param {string} text
   * @param {boolean} [isError]
   */
  function say(text, isError) {
    $('chat-status').textContent = text;
    $('chat-status').classList.toggle('chat-status-error', !!isError);
  }

  /**
   * @param {boolean} busy
   * @param {boolean} [waiting]
   */
  function setBusy(busy, waiting) {
    /** @type {HTMLButtonElement} */ ($('chat-send')).disabled = busy;
    $('chat-stop').hidden = !busy;
    $('chat-live').hidden = !busy || !!waiting;
    if (!busy) $('chat-live-question').hidden = true;
  }

  /** @param {ChatRun} run */
  function render(run) {
    setBusy(true, run.waiting);
    if (run.waiting) say('Waiting for your decision on a tool call.');
    $('chat-live-text').textContent = run.text;
    var list = $('chat-live-tools');
    list.textContent = '';
    run.tools.forEach(function (name) {
      var item = document.createElement('li');
      item.textContent = 'Calling ' + name + '…';
      list.appendChild(item);
    });
    if (window.innerHeight + window.scrollY >= document.body.scrollHeight - 160) $('chat-composer').scrollIntoView({ block: 'end' });
  }

  /**
   * @param {ChatRun} run
   * @param {ChatRunEvent[]} events
   */
  function onEvents(run, events) {
    var stepped = false;
    events.forEach(function (e) {
      run.seq = Math.max(run.seq, e.id);
      run.waiting = e.type === 'approval_required';
      if (e.type === 'run' && e.data) run.runId = e.data.runId;
      if (e.type === 'text' && e.data) run.text += e.data.delta;
      if (e.type === 'tool_call' && e.data) run.tools.push(e.data.name);
      if (STEP[e.type]) {
        stepped = true;
        run.text = '';
        run.tools = [];
        run.base = e.id;
      }
    });
    var swapped = stepped
      ? api.swapTranscript(run.root).then(function () {
          $('chat-live-question').hidden = true;
        })
      : Promise.resolve();
    return swapped.then(function () {
      if (current !== run) return;
      render(run);
      api.remember(sessionOf(run.root), { runId: run.runId, seq: run.seq, base: run.base });
    });
  }

  /**
   * @param {ChatRun} run
   * @param {{ type: string, data: any }} last The run's last event (`done` or `error`).
   */
  function finish(run, last) {
    current = null;
    api.forget(sessionOf(run.root));
    setBusy(false);
    if (last.type === 'error') return say((last.data && last.data.message) || 'The answer failed.', true);
    var reason = last.data && last.data.reason;
    say(reason === 'cancelled' ? 'Stopped.' : reason === 'max_steps' ? 'The answer stopped at its step limit.' : '');
  }

  // The stream closed before the run ended: a paused run waits for a decision; a running one is followed again.
  /**
   * @param {ChatRun} run
   * @param {number} tries
   */
  function lost(run, tries) {
    return api.swapTranscript(run.root).then(function (transcript) {
      if (current !== run) return;
      var status = transcript && transcript.getAttribute('data-run-status');
      if (status === 'awaiting_approval') {
        run.waiting = true;
        return render(run);
      }
      if (status !== 'running' || tries >= 5) return finish(run, { type: 'done', data: {} });
      setTimeout(
        function () {
          if (current === run) attach(run.root, run.runId, run.base, null, null, tries + 1);
        },
        1000 * (tries + 1),
      );
    });
  }

  // Follows a run: `response` is the open stream of a question just sent, else the events after `after`.
  /**
   * @param {Element} root
   * @param {string} runId
   * @param {number} after
   * @param {Response | null} [response]
   * @param {AbortController | null} [controller]
   * @param {number} [tries]
   */
  function attach(root, runId, after, response, controller, tries) {
    if (current) current.controller.abort();
    var run = { root: root, runId: runId, seq: after, base: after, text: '', tools: [], waiting: false, controller: controller || new AbortController() };
    current = run;
    setBusy(true);
    (response ? Promise.resolve(response) : api.events(root, runId, after, run.controller.signal))
      .then(function (res) {
        return api.read(/** @type {ReadableStream<Uint8Array>} */ (res.body), function (events) {
          return current === run && onEvents(run, events);
        });
      })
      .then(function (last) {
        if (current !== run) return;
        return last ? finish(run, last) : lost(run, tries || 0);
      })
      .catch(function (error) {
        if (run.controller.signal.aborted || current !== run) return;
        current = null;
        setBusy(false);
        say(error.message, true);
      });
  }

  /** @param {HTMLFormElement} form */
  function send(form) {
    var root = form.closest('#chat');
    var input = /** @type {HTMLTextAreaElement} */ ($('chat-input'));
    var content = input.value.trim();
    if (!root || !content || current || /** @type {HTMLButtonElement} */ ($('chat-send')).disabled) return;
    var question = $('chat-live-question');
    /** @type {HTMLParagraphElement} */ (question.querySelector('p')).textContent = content;
    question.hidden = false;
    $('chat-live-text').textContent = '';
    $('chat-live-tools').textContent = '';
    say('');
    setBusy(true);
    var controller = new AbortController();
    api.post(root, '/messages', { content: content }, controller.signal).then(
      function (res) {
        input.value = '';
        attach(/** @type {Element} */ (root), /** @type {string} */ (res.headers.get('x-chat-run-id')), 0, res, controller);
      },
      function (error) {
        setBusy(false);
        say(error.message, true);
      },
    );
  }

  /** @param {Element} root */
  function activeRun(root) {
    var transcript = $('chat-transcript');
    return (current && current.runId) || (transcript && transcript.getAttribute('data-active-run'));
  }

  // Stop: the API cancels the run; its stream then ends with `done` (followed again if none is open).
  /** @param {Element} root */
  function stop(root) {
    var runId = activeRun(root);
    if (!runId) return;
    var following = current && !current.waiting;
    api.post(root, '/runs/' + runId + '/cancel').then(
      function () {
        if (!following) attach(root, /** @type {string} */ (runId), current ? current.base : 0);
      },
      function (error) {
        say(error.message, true);
      },
    );
  }

  // Approve or Deny: the API takes the decision and the run goes on; follow it from its last step.
  /**
   * @param {Element} root
   * @param {Element} button
   */
  function decide(root, button) {
    var runId = activeRun(root);
    var after = current ? current.base : 0;
    /** @type {NodeListOf<HTMLButtonElement>} */ (root.querySelectorAll('[data-decision]')).forEach(function (b) {
      b.disabled = true;
    });
    var approve = button.getAttribute('data-decision') === 'approve';
    api.post(root, '/tool-calls/' + encodeURIComponent(/** @type {string} */ (button.getAttribute('data-call'))) + '/decision', { approve: approve }).then(
      function () {
        say('');
        if (runId) attach(root, runId, after);
      },
      function (error) {
        say(error.message, true);
        api.swapTranscript(root);
      },
    );
  }

  // On each page (first load, or swapped in by htmx): reattach to a run the server says is going.
  function init() {
    if (current && !document.body.contains(current.root)) {
      current.controller.abort();
      current = null;
    }
    var root = /** @type {(HTMLElement & { __chatReady?: boolean }) | null} */ ($('chat'));
    if (!root || root.__chatReady) return;
    root.__chatReady = true;
    var runId = $('chat-transcript').getAttribute('data-active-run');
    if (!runId) return api.forget(sessionOf(root));
    var saved = api.recall(sessionOf(root));
    attach(root, runId, saved && saved.runId === runId ? saved.base : 0);
  }

  document.addEventListener('submit', function (event) {
    if (!event.target || /** @type {Element} */ (event.target).id !== 'chat-composer') return;
    event.preventDefault();
    send(/** @type {HTMLFormElement} */ (event.target));
  });
  document.addEventListener('keydown', function (event) {
    if (event.target && /** @type {Element} */ (event.target).id === 'chat-input' && event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      /** @type {HTMLFormElement} */ (/** @type {HTMLTextAreaElement} */ (event.target).form).requestSubmit();
    }
  });
  document.addEventListener('click', function (event) {
    var target = event.target instanceof Element ? event.target : null;
    var root = target && target.closest('#chat');
    if (!root) return;
    if (/** @type {Element} */ (target).closest('#chat-stop')) return stop(root);
    var decision = /** @type {Element} */ (target).closest('[data-decision]');
    if (decision) decide(root, decision);
  });
  document.addEventListener('htmx:afterSettle', init);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
