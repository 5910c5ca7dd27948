// Sends the CSRF token (double-submit cookie `atoll_csrf`) with every htmx request, so state-changing
// requests authenticated by the session cookie pass the server's CSRF check. Kept out of the HTML:
// the CSP allows no inline script.
(function () {
  function csrfToken() {
    var match = document.cookie.match(/(?:^|; )atoll_csrf=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : '';
  }
  document.addEventListener('htmx:configRequest', function (event) {
    var token = csrfToken();
    if (token) event.detail.headers['x-csrf-token'] = token;
  });
  // Plain form posts (without htmx) carry it as a hidden field.
  document.addEventListener(
    'submit',
    function (event) {
      var form = event.target;
      if (!(form instanceof HTMLFormElement) || (form.method || 'get').toLowerCase() === 'get') return;
      var token = csrfToken();
      if (!token || form.querySelector('input[name="_csrf"]')) return;
      var input = document.createElement('input');
      input.type = 'hidden';
      input.name = '_csrf';
      input.value = token;
      form.appendChild(input);
    },
    true,
  );
  // `<button data-copy="#id">` copies that field's value (e.g. an API key secret shown once).
  document.addEventListener('click', function (event) {
    var button = event.target instanceof Element ? event.target.closest('[data-copy]') : null;
    if (!button) return;
    var field = /** @type {HTMLInputElement | HTMLTextAreaElement | null} */ (document.querySelector(/** @type {string} */ (button.getAttribute('data-copy'))));
    if (!field) return;
    var done = function () {
      /** @type {Element} */ (button).textContent = 'Copied';
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value || field.textContent || '').then(done, function () {});
    } else if (field.select) {
      field.select();
      if (document.execCommand('copy')) done();
    }
  });
})();

// Page forms are sent by htmx (body hx-boost), as the form says: each has a real method and action,
// since a form without them goes out as a GET of the current page with its fields in the query (a
// file as "[object File]"), by htmx and by the browser alike. On top of that, for every form:
// - A request that changes something (POST and co.) never enters the history. htmx pushes the URL
//   of a boosted request whatever its verb and status, so after a refused post the address bar held
//   the POST URL and a reload asked for it with GET (a 405).
// - A `<progress data-upload-progress>` in the form follows the bytes sent. It listens on
//   xhr.upload itself: htmx's `htmx:xhr:progress` mixes in the download of the response.
(function () {
  document.addEventListener('htmx:configRequest', function (event) {
    var elt = event.detail.elt;
    if (event.detail.verb !== 'get' && elt instanceof Element) elt.setAttribute('hx-push-url', 'false');
  });
  document.addEventListener('htmx:beforeSend', function (event) {
    var elt = event.detail.elt;
    var form = elt instanceof Element ? elt.closest('form') : null;
    var bar = form ? /** @type {HTMLProgressElement | null} */ (form.querySelector('progress[data-upload-progress]')) : null;
    if (!bar || !event.detail.xhr.upload) return;
    bar.value = 0;
    event.detail.xhr.upload.addEventListener('progress', function (progress) {
      if (progress.lengthComputable && progress.total > 0) /** @type {HTMLProgressElement} */ (bar).value = (progress.loaded * /** @type {HTMLProgressElement} */ (bar).max) / progress.total;
    });
  });
})();

// The header's Menu button (narrow screens): opens and closes the navigation in place. Without
// JavaScript the same link opens it as the page's :target (app.css).
(function () {
  /** @param {Element} toggle */
  function menuOf(toggle) {
    return document.getElementById(/** @type {string} */ (toggle.getAttribute('aria-controls')));
  }
  /**
   * @param {Element} toggle
   * @param {boolean} open
   */
  function setOpen(toggle, open) {
    var menu = menuOf(toggle);
    if (!menu) return;
    menu.classList.toggle('open', open);
    toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
  }
  document.addEventListener('click', function (event) {
    var toggle = event.target instanceof Element ? event.target.closest('.menu-toggle') : null;
    if (!toggle || !menuOf(toggle)) return;
    event.preventDefault();
    setOpen(toggle, toggle.getAttribute('aria-expanded') !== 'true');
  });
  document.addEventListener('keydown', function (event) {
    if (event.key !== 'Escape') return;
    var toggle = /** @type {HTMLElement | null} */ (document.querySelector('.menu-toggle[aria-expanded="true"]'));
    if (!toggle) return;
    setOpen(toggle, false);
    toggle.focus();
  });
})();
