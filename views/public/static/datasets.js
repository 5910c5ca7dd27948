// The datasets page (plugin datasets): the upload form and the live list. Upload: create the dataset
// (POST /api/v1/datasets), send the file through the API with XHR so the upload progress bar moves,
// and queue ingestion in the same call (?ingest=true). The list follows `realtime:datasets` events
// (re-dispatched by realtime.js): `dataset.progress` moves the row's ingestion progress bar, other
// events swap in a fresh row from /app/datasets/<id>/row, `dataset.deleted` removes it. No reloads.
// Kept out of the HTML: the CSP allows no inline script. Safe to load more than once.
(function () {
  if (window.__atollDatasets) return;
  window.__atollDatasets = true;

  function csrfToken() {
    var match = document.cookie.match(/(?:^|; )atoll_csrf=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : '';
  }

  function say(text, isError) {
    var status = document.getElementById('dataset-upload-status');
    if (!status) return;
    status.textContent = text;
    status.classList.toggle('upload-error', !!isError);
  }

  function problemText(status, text) {
    try {
      var body = JSON.parse(text);
      return body.detail || body.title || 'Request failed (' + status + ')';
    } catch (e) {
      return 'Request failed (' + status + ')';
    }
  }

  function createDataset(form) {
    var body = { name: form.elements.name.value, kind: form.elements.kind.value, format: form.elements.format.value };
    if (form.elements.description.value) body.description = form.elements.description.value;
    return fetch('/api/v1/datasets', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken() },
      body: JSON.stringify(body),
    }).then(function (res) {
      return res.text().then(function (text) {
        if (res.status !== 201) throw new Error(problemText(res.status, text));
        return JSON.parse(text).dataset;
      });
    });
  }

  function uploadFile(dataset, file, progress) {
    return new Promise(function (resolve, reject) {
      var data = new FormData();
      data.append('file', file, file.name);
      var xhr = new XMLHttpRequest();
      xhr.open('POST', '/api/v1/datasets/' + dataset.id + '/upload?ingest=true');
      xhr.setRequestHeader('x-csrf-token', csrfToken());
      xhr.upload.addEventListener('progress', function (event) {
        if (event.lengthComputable) progress.value = Math.round((event.loaded * 100) / event.total);
      });
      xhr.addEventListener('load', function () {
        if (xhr.status === 200) resolve(JSON.parse(xhr.responseText));
        else reject(new Error(problemText(xhr.status, xhr.responseText)));
      });
      xhr.addEventListener('error', function () { reject(new Error('The connection failed')); });
      xhr.send(data);
    });
  }

  function rowOf(id) {
    return document.getElementById('dataset-' + id);
  }

  // Fetches the row partial and puts it in place (new rows go first: the list is newest first).
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

  function showProgress(data) {
    var row = rowOf(data.datasetId);
    if (!row) return;
    row.setAttribute('data-status', 'ingesting');
    var badge = row.querySelector('[data-status-badge]');
    if (badge) badge.textContent = 'ingesting';
    var bar = row.querySelector('[data-ingest-progress]');
    if (bar && typeof data.percent === 'number') bar.value = data.percent;
    if (bar) bar.title = data.rowsProcessed + ' rows read';
  }

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

  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!form || form.id !== 'dataset-upload') return;
    event.preventDefault();
    var file = form.elements.file.files[0];
    var progress = document.getElementById('dataset-upload-progress');
    var max = Number(form.getAttribute('data-max-bytes'));
    if (!file) return say('Choose a file', true);
    if (max && file.size > max) return say(file.name + ' is larger than ' + max + ' bytes: upload it through the API (presigned URL)', true);
    var button = form.querySelector('button[type=submit]');
    button.disabled = true;
    progress.value = 0;
    say('Creating the dataset…');
    createDataset(form)
      .then(function (dataset) {
        refreshRow(dataset.id);
        say('Uploading ' + file.name + '…');
        return uploadFile(dataset, file, progress);
      })
      .then(function (dataset) {
        progress.value = 100;
        say(dataset.name + ' uploaded; ingestion queued.');
        form.reset();
        return refreshRow(dataset.id);
      })
      .catch(function (error) { say(error.message, true); })
      .then(function () { button.disabled = false; });
  });
})();
