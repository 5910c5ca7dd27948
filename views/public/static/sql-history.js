// The SQL console's history (plugin datasets, /app/datasets/sql): each query run from #sql-form is
// kept in this browser (localStorage, per tenant, the last 30, newest first, no duplicates) and
// listed under History; a click puts it back in the editor (the `sql-console:load` event
// sql-console.js handles). Kept in the browser on purpose: it is private to the person, costs the
// server nothing, and needs no retention rule. Kept out of the HTML: the CSP allows no inline
// script. Safe to load more than once.
(function () {
  if (window.__atollSqlHistory) return;
  window.__atollSqlHistory = true;

  var MAX = 30;

  function key() {
    var root = document.getElementById('sql-console');
    return root ? 'atoll.sql-history.' + root.getAttribute('data-tenant') : null;
  }

  function read() {
    try {
      var list = JSON.parse(localStorage.getItem(/** @type {string} */ (key())) || '[]');
      return Array.isArray(list)
        ? list.filter(function (q) {
            return typeof q === 'string';
          })
        : [];
    } catch (e) {
      return [];
    }
  }

  function render() {
    var section = document.getElementById('sql-history');
    var list = document.getElementById('sql-history-list');
    if (!section || !list || !key()) return;
    var queries = read();
    list.textContent = '';
    queries.forEach(function (sql, i) {
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'link';
      button.setAttribute('data-history', String(i));
      button.title = sql.slice(0, 300);
      var line = sql.trim().split('\n')[0];
      button.textContent = line.length > 120 ? line.slice(0, 119) + '…' : line;
      var item = document.createElement('li');
      item.appendChild(button);
      /** @type {HTMLElement} */ (list).appendChild(item);
    });
    section.hidden = queries.length === 0;
  }

  /** @param {string} sql */
  function remember(sql) {
    if (!sql.trim() || !key()) return;
    var list = [sql]
      .concat(
        read().filter(function (q) {
          return q !== sql;
        }),
      )
      .slice(0, MAX);
    try {
      localStorage.setItem(/** @type {string} */ (key()), JSON.stringify(list));
    } catch (e) {
      return; // storage full or turned off: no history
    }
    render();
  }

  document.addEventListener('htmx:beforeRequest', function (event) {
    var textarea = /** @type {HTMLTextAreaElement | null} */ (document.getElementById('sql-text'));
    if (event.detail.elt && event.detail.elt.id === 'sql-form' && textarea) remember(textarea.value);
  });
  document.addEventListener('click', function (event) {
    var button = event.target instanceof Element ? event.target.closest('[data-history]') : null;
    if (!button) return;
    var sql = read()[Number(button.getAttribute('data-history'))];
    if (sql !== undefined) document.dispatchEvent(new CustomEvent('sql-console:load', { detail: { sql: sql } }));
  });
  document.addEventListener('htmx:afterSettle', render);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', render);
  else render();
})();
