// The file browser's uploads (plugin files): XHR with upload progress into #upload-progress, from
// the file input or files dropped onto the list. Sends the CSRF header from the atoll_csrf cookie
// like app.js does for htmx. Kept out of the HTML: the CSP allows no inline script. Safe to load
// more than once (htmx re-runs scripts when it swaps a boosted page in).
(function () {
  if (window.__atollFilesUpload) return;
  window.__atollFilesUpload = true;

  function csrfToken() {
    var match = document.cookie.match(/(?:^|; )atoll_csrf=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : '';
  }

  /**
   * @param {string} text
   * @param {boolean} isError
   */
  function say(text, isError) {
    var status = document.getElementById('upload-status');
    if (!status) return;
    status.textContent = text;
    status.classList.toggle('upload-error', !!isError);
  }

  /** @param {XMLHttpRequest} xhr */
  function problemText(xhr) {
    try {
      var body = JSON.parse(xhr.responseText);
      return body.detail || body.title || 'Upload failed (' + xhr.status + ')';
    } catch (e) {
      return 'Upload failed (' + xhr.status + ')';
    }
  }

  /**
   * @param {File} file
   * @param {string} folder
   * @param {boolean} overwrite
   * @param {(loaded: number) => void} onProgress
   * @returns {Promise<void>}
   */
  function uploadOne(file, folder, overwrite, onProgress) {
    return new Promise(function (resolve, reject) {
      var form = new FormData();
      form.append('path', folder + file.name);
      form.append('overwrite', overwrite ? 'true' : 'false');
      form.append('file', file, file.name);
      var xhr = new XMLHttpRequest();
      xhr.open('POST', '/api/v1/files');
      var token = csrfToken();
      if (token) xhr.setRequestHeader('x-csrf-token', token);
      xhr.upload.addEventListener('progress', function (event) {
        if (event.lengthComputable) onProgress(Math.min(event.loaded, file.size));
      });
      xhr.addEventListener('load', function () {
        if (xhr.status === 201) resolve();
        else reject(new Error(file.name + ': ' + problemText(xhr)));
      });
      xhr.addEventListener('error', function () {
        reject(new Error(file.name + ': the connection failed'));
      });
      xhr.send(form);
    });
  }

  /** @param {FileList} files */
  function uploadAll(files) {
    var list = document.getElementById('files');
    // Typed as found: the return below leaves when it is not.
    var progress = /** @type {HTMLProgressElement} */ (document.getElementById('upload-progress'));
    if (!list || !progress || files.length === 0) return;
    var folder = list.getAttribute('data-folder') || '';
    var overwriteBox = /** @type {HTMLInputElement | null} */ (document.getElementById('upload-overwrite'));
    var overwrite = !!(overwriteBox && overwriteBox.checked);
    var total = 0;
    for (var i = 0; i < files.length; i++) total += files[i].size;
    progress.max = Math.max(total, 1);
    progress.value = 0;
    progress.hidden = false;
    var done = 0;
    var chain = Promise.resolve();
    Array.prototype.forEach.call(files, function (file) {
      chain = chain.then(function () {
        say('Uploading ' + file.name + '…', false);
        return uploadOne(file, folder, overwrite, function (loaded) {
          progress.value = done + loaded;
        }).then(function () {
          done += file.size;
          progress.value = done;
        });
      });
    });
    chain.then(
      function () {
        progress.value = progress.max;
        say('Uploaded ' + files.length + (files.length === 1 ? ' file.' : ' files.'), false);
        // The reloaded page shows the fixed "upload finished" notice (views/notices.ts), as after a form post.
        document.cookie = 'atoll_notice=files-uploaded; path=/; max-age=60; samesite=lax' + (location.protocol === 'https:' ? '; secure' : '');
        window.location.reload();
      },
      function (error) {
        say(error.message, true);
      },
    );
  }

  document.addEventListener('change', function (event) {
    if (event.target && /** @type {Element} */ (event.target).id === 'file-input') uploadAll(/** @type {FileList} */ (/** @type {HTMLInputElement} */ (event.target).files));
  });

  /** @param {Event} event */
  function dropZone(event) {
    return event.target instanceof Element ? event.target.closest('[data-drop-zone]') : null;
  }
  document.addEventListener('dragover', function (event) {
    var zone = dropZone(event);
    if (!zone) return;
    event.preventDefault();
    zone.classList.add('dragging');
  });
  document.addEventListener('dragleave', function (event) {
    var zone = dropZone(event);
    if (zone) zone.classList.remove('dragging');
  });
  document.addEventListener('drop', function (event) {
    var zone = dropZone(event);
    if (!zone) return;
    event.preventDefault();
    zone.classList.remove('dragging');
    if (event.dataTransfer && event.dataTransfer.files) uploadAll(event.dataTransfer.files);
  });
})();
