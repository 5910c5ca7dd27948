// The datasets page (plugin datasets): the live list. The upload form is an ordinary form that htmx
// posts (its progress bar is app.js's); the list follows `realtime:datasets` events (re-dispatched
// by realtime.js): `dataset.progress` moves the row's ingestion progress bar, other events swap in a
// fresh row from /app/datasets/<id>/row, `dataset.deleted` removes it. The form comes back from an
// upload naming the new dataset (`data-uploaded`), whose row is fetched then too: the socket may not
// have been open yet when the dataset's first events went out. No reloads.
// On a dataset's own page (#dataset-status): `dataset.progress` moves its progress bar, its other
// events (and the socket opening, for events sent before) fire `dataset-changed`, on which htmx
// refetches the status line.
// Kept out of the HTML: the CSP allows no inline script. Safe to load more than once.
(function () {
  if (window.__atollDatasets) return;
  window.__atollDatasets = true;

  /** @param {string | undefined} id */
  function rowOf(id) {
    return document.getElementById('dataset-' + id);
  }

  // Fetches the row partial and puts it in place (new rows go first: the list is newest first).
  /** @param {string} id */
  function refreshRow(id) {
    return fetch('/app/datasets/' + id + '/row', { credentials: 'same-origin', headers: { 'hx-request': 'true' } }).then(function (res) {
      if (res.status === 404) {
        var gone = rowOf(id);
        if (gone) gone.remove();
        return;
      }
      if (!res.ok) return;
      return res.text().then(function (html) {
        var holder = document.createElement('tbody');
        holder.innerHTML = html.trim();
        var row = holder.querySelector('tr');
        var body = document.getElementById('dataset-rows');
        if (!row || !body) return;
        var current = rowOf(id);
        if (current) current.replaceWith(row);
        else body.insertBefore(row, body.firstChild);
        var empty = document.getElementById('no-datasets');
        if (empty) empty.remove();
      });
    });
  }

  /** @param {DatasetEventData} data */
  function showProgress(data) {
    var row = rowOf(data.datasetId);
    if (!row) return;
    row.setAttribute('data-status', 'ingesting');
    var badge = row.querySelector('[data-status-badge]');
    if (badge) badge.textContent = 'ingesting';
    var bar = /** @type {HTMLProgressElement | null} */ (row.querySelector('[data-ingest-progress]'));
    if (bar && typeof data.percent === 'number') bar.value = data.percent;
    if (bar) bar.title = data.rowsProcessed + ' rows read';
  }

  document.body.addEventListener('htmx:load', function (event) {
    var form = event.detail && event.detail.elt;
    if (form && form.id === 'dataset-upload' && form.getAttribute('data-uploaded')) refreshRow(/** @type {string} */ (form.getAttribute('data-uploaded')));
  });

  function statusLine() {
    var line = document.getElementById('dataset-status');
    return line && line.hasAttribute('hx-get') ? line : null;
  }

  /** @param {HTMLElement} line */
  function changed(line) {
    if (window.htmx) window.htmx.trigger(line, 'dataset-changed');
  }

  document.body.addEventListener('realtime:realtime.ready', function () {
    var line = statusLine();
    if (line) changed(line);
  });

  document.body.addEventListener('realtime:datasets', function (event) {
    var e = event.detail || {};
    var data = e.data || {};
    var line = statusLine();
    if (!line || data.datasetId !== line.getAttribute('data-dataset-id')) return;
    if (e.type !== 'dataset.progress') return changed(line);
    var bar = /** @type {HTMLProgressElement | null} */ (document.getElementById('dataset-progress'));
    if (bar) bar.hidden = false;
    if (bar && typeof data.percent === 'number') bar.value = data.percent;
    var text = document.getElementById('dataset-progress-text');
    if (text) text.textContent = ' ' + data.rowsProcessed + ' rows read (' + data.percent + '%)';
  });

  document.body.addEventListener('realtime:datasets', function (event) {
    var e = event.detail || {};
    var data = e.data || {};
    if (!data.datasetId || !document.getElementById('dataset-rows')) return;
    if (e.type === 'dataset.progress') return showProgress(data);
    if (e.type === 'dataset.deleted') {
      var row = rowOf(data.datasetId);
      if (row) row.remove();
      return;
    }
    refreshRow(data.datasetId);
  });
})();
