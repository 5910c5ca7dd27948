// The SQL console (plugin datasets, /app/datasets/sql). Without it the console is a textarea in a
// form htmx posts. With it, a CodeMirror editor (vendor/codemirror.js, window.AtollCodeMirror) takes
// the textarea's place and keeps it filled: Ctrl/Cmd+Enter runs the query; completion offers
// keywords, the tenant's datasets and their columns (#sql-editor's data-schema); the position of an
// error the server reports (#sql-error's data-position) is marked; the Run button says Running… and
// the form is aria-busy while the query runs. The history of queries run is sql-history.js.
// The editor lives in a shadow root: CodeMirror then styles it with constructed style sheets,
// which the page's CSP (style-src 'self', no inline style elements) allows.
// Kept out of the HTML: the CSP allows no inline script. Safe to load more than once.
(function () {
  if (window.__atollSqlConsole) return;
  window.__atollSqlConsole = true;

  /** @typedef {NonNullable<Window['AtollCodeMirror']>} CodeMirror The vendor bundle (window.AtollCodeMirror). */
  /** @typedef {import('@codemirror/view').EditorView} EditorView */
  /** @typedef {HTMLElement & { __view?: EditorView, __cm?: CodeMirror }} EditorHost #sql-editor, holding its editor and the CodeMirror copy that made it. */
  /** @typedef {Record<string, { name: string, type: string }[]>} Schema The datasets' columns by dataset (#sql-editor's data-schema). */

  var waits = 0;
  var running = false;
  /** @type {string | null} */
  var submitted = null;
  var pendingMark = false;

  /** @param {string} id */
  function byId(id) {
    return document.getElementById(id);
  }
  function editor() {
    var host = /** @type {EditorHost | null} */ (byId('sql-editor'));
    return host && host.__view;
  }
  // The CodeMirror copy that made the editor: a boosted navigation runs vendor/codemirror.js again,
  // and one copy's effects mean nothing to another's editor.
  // Typed as there: it is called only once the editor exists (host.__view and host.__cm are set together).
  function cm() {
    var host = /** @type {EditorHost | null} */ (byId('sql-editor'));
    return /** @type {CodeMirror} */ (host && host.__cm);
  }

  /**
   * @param {EditorView} view
   * @param {string} text
   */
  function setText(view, text) {
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, selection: { anchor: text.length } });
    view.focus();
  }

  /** @param {string} name */
  function quoteIdent(name) {
    return /^[a-z_][a-z0-9_]*$/.test(name) ? name : '"' + name.replace(/"/g, '""') + '"';
  }

  // Columns without their dataset's name: those of the datasets the query names, or of all when it names none.
  /**
   * @param {Schema} schema
   * @returns {import('@codemirror/autocomplete').CompletionSource}
   */
  function columnSource(schema) {
    return function (context) {
      var word = context.matchBefore(/\w*/);
      if (!word || (word.from === word.to && !context.explicit)) return null;
      if (context.state.sliceDoc(word.from - 1, word.from) === '.') return null; // dataset.column: lang-sql's own
      var text = context.state.doc.toString().toLowerCase();
      var names = Object.keys(schema);
      var named = names.filter(function (name) {
        return new RegExp('(^|[^\\w"])' + name + '($|[^\\w"])').test(text);
      });
      /** @type {import('@codemirror/autocomplete').Completion[]} */
      var options = [];
      (named.length ? named : names).forEach(function (name) {
        schema[name].forEach(function (col) {
          options.push({ label: col.name, apply: quoteIdent(col.name), type: 'property', detail: name + ' · ' + col.type });
        });
      });
      return options.length ? { from: word.from, options: options, validFor: /^\w*$/ } : null;
    };
  }

  /** @param {Schema} schema */
  function langSchema(schema) {
    /** @type {{ [name: string]: import('@codemirror/lang-sql').SQLNamespace }} */
    var out = {};
    Object.keys(schema).forEach(function (name) {
      out[name] = {
        self: { label: name, type: 'type', detail: 'dataset' },
        children: schema[name].map(function (col) {
          return { label: col.name, type: 'property', detail: col.type };
        }),
      };
    });
    return out;
  }

  // CodeMirror's own dark variants (selection, tooltips, brackets) follow the page's scheme.
  function isDark() {
    var theme = document.documentElement.getAttribute('data-theme');
    return theme === 'dark' || (theme !== 'light' && window.matchMedia('(prefers-color-scheme: dark)').matches);
  }

  /** @param {Partial<EditorView>} [view] The editor (Mod-Enter in it), or none (Ctrl/Cmd+Enter in the plain textarea). */
  function run(view) {
    var form = /** @type {HTMLFormElement | null} */ (byId('sql-form'));
    if (view && view.dispatch) cm().closeCompletion(/** @type {EditorView} */ (view));
    if (running || !form) return true;
    form.requestSubmit(byId('sql-run'));
    return true;
  }

  function enhance() {
    var host = /** @type {EditorHost | null} */ (byId('sql-editor'));
    var textarea = /** @type {HTMLTextAreaElement | null} */ (byId('sql-text'));
    if (!host || !textarea || host.__view) return;
    var CM = window.AtollCodeMirror;
    if (!CM) {
      if (waits++ < 200) setTimeout(enhance, 50); // the vendor script may still be loading
      return;
    }
    /** @type {Schema} */
    var schema = {};
    try {
      schema = JSON.parse(host.getAttribute('data-schema') || '{}');
    } catch (e) {
      /* no completion of names */
    }
    var shadow = host.shadowRoot || host.attachShadow({ mode: 'open' });
    var scheme = new CM.Compartment();
    var view = new CM.EditorView({
      root: shadow,
      parent: shadow,
      state: CM.EditorState.create({
        doc: textarea.value,
        extensions: [
          CM.Prec.highest(CM.keymap.of([{ key: 'Mod-Enter', run: run }])),
          CM.basicSetup,
          CM.syntaxHighlighting(CM.classHighlighter), // colours from sql-console.css, light and dark
          scheme.of(CM.EditorView.darkTheme.of(isDark())),
          CM.sql({ dialect: CM.PostgreSQL, schema: langSchema(schema) }),
          CM.PostgreSQL.language.data.of({ autocomplete: columnSource(schema) }),
          CM.EditorView.contentAttributes.of({ 'aria-label': 'SQL query (Ctrl+Enter runs it)' }),
          CM.EditorView.updateListener.of(function (update) {
            if (update.docChanged) /** @type {HTMLTextAreaElement} */ (textarea).value = update.state.doc.toString();
          }),
          CM.EditorView.theme({
            '&': { background: 'var(--surface)', color: 'var(--fg)', border: '1px solid var(--border)', borderRadius: 'var(--radius)', fontSize: '0.95rem' },
            '&.cm-focused': { outline: '3px solid var(--accent)', outlineOffset: '2px' },
            '.cm-content': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', minHeight: '10rem', caretColor: 'var(--fg)' },
            '.cm-gutters': { background: 'var(--bg)', color: 'var(--muted)', borderRight: '1px solid var(--border)', borderRadius: 'var(--radius) 0 0 var(--radius)' },
            '.cm-scroller': { maxHeight: '24rem' },
            '.cm-activeLine, .cm-activeLineGutter': { backgroundColor: 'var(--sql-active-line)' },
            '.cm-tooltip': { background: 'var(--surface)', color: 'var(--fg)', border: '1px solid var(--border)' },
            '.cm-tooltip-autocomplete ul li[aria-selected]': { background: 'var(--accent)', color: 'var(--accent-fg)' },
            '.tok-keyword': { color: 'var(--sql-keyword)' },
            '.tok-string': { color: 'var(--sql-string)' },
            '.tok-number, .tok-bool, .tok-atom': { color: 'var(--sql-number)' },
            '.tok-comment': { color: 'var(--muted)', fontStyle: 'italic' },
            '.tok-typeName, .tok-propertyName': { color: 'var(--sql-name)' },
          }),
        ],
      }),
    });
    host.__view = view;
    host.__cm = CM;
    waits = 0;
    window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', function () {
      if (view.dom.isConnected) view.dispatch({ effects: scheme.reconfigure(/** @type {CodeMirror} */ (CM).EditorView.darkTheme.of(isDark())) });
    });
    textarea.hidden = true;
    host.hidden = false;
    textarea.required = false; // a hidden required field would block the form; the server refuses an empty query
    var label = byId('sql-label');
    if (label)
      label.addEventListener('click', function () {
        view.focus();
      });
    markError();
  }

  // Postgres counts characters; the editor counts UTF-16 units.
  /**
   * @param {string} text
   * @param {number} position
   */
  function offsetOf(text, position) {
    return Array.from(text)
      .slice(0, position - 1)
      .join('').length;
  }

  function markError() {
    var view = editor();
    if (!view) return;
    var CM = cm();
    var error = byId('sql-error');
    var at = error ? Number(error.getAttribute('data-position')) : 0;
    var doc = view.state.doc.toString();
    if (!at || (submitted !== null && submitted !== doc)) return void view.dispatch(CM.setDiagnostics(view.state, []));
    var from = Math.min(offsetOf(doc, at), doc.length);
    var token = /^("(?:[^"]|"")*"|'(?:[^']|'')*'|\w+|\S)/.exec(doc.slice(from));
    var to = token ? from + token[0].length : from;
    if (to === from) from = Math.max(0, from - 1); // at the end of the query: mark its last character
    var message = /** @type {HTMLElement} */ (error).textContent.replace(/\s+/g, ' ').trim();
    view.dispatch(CM.setDiagnostics(view.state, [{ from: from, to: Math.max(to, from + 1), severity: 'error', message: message }]));
  }

  /** @param {boolean} on */
  function setRunning(on) {
    running = on;
    var form = byId('sql-form');
    var button = /** @type {HTMLButtonElement | null} */ (byId('sql-run'));
    if (form) form.setAttribute('aria-busy', on ? 'true' : 'false');
    if (button) {
      button.disabled = on;
      button.textContent = on ? 'Running…' : 'Run';
    }
  }

  document.addEventListener('htmx:beforeRequest', function (event) {
    if (!event.detail.elt || event.detail.elt.id !== 'sql-form') return;
    var textarea = /** @type {HTMLTextAreaElement | null} */ (byId('sql-text'));
    submitted = textarea ? textarea.value : null;
    var view = editor();
    if (view) view.dispatch(cm().setDiagnostics(view.state, []));
    pendingMark = true;
    setRunning(true);
  });
  document.addEventListener('htmx:afterRequest', function (event) {
    if (!event.detail.elt || event.detail.elt.id !== 'sql-form') return;
    setRunning(false);
    if (event.detail.failed) pendingMark = false; // the refusal went to the flash; the result is the last one
  });
  document.addEventListener('htmx:afterSettle', function () {
    enhance(); // a boosted navigation may have brought the console in
    if (!pendingMark) return;
    pendingMark = false;
    markError();
  });
  // The plain textarea (before the editor loads) runs with Ctrl/Cmd+Enter too; Enter in the name saves.
  document.addEventListener('keydown', function (event) {
    var id = event.target && /** @type {Element} */ (event.target).id;
    if (event.key !== 'Enter') return;
    if (id === 'sql-text' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      run();
    } else if (id === 'sql-save-name' && byId('sql-save')) {
      event.preventDefault();
      /** @type {HTMLElement} */ (byId('sql-save')).click();
    }
  });
  // sql-history.js asks to put a query from the history back.
  document.addEventListener('sql-console:load', function (event) {
    var view = editor();
    var textarea = /** @type {HTMLTextAreaElement | null} */ (byId('sql-text'));
    if (view) setText(view, event.detail.sql);
    else if (textarea) textarea.value = event.detail.sql;
  });
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', enhance);
  else enhance();
})();
