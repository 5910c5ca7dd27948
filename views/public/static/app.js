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
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || (form.method || 'get').toLowerCase() === 'get') return;
    var token = csrfToken();
    if (!token || form.querySelector('input[name="_csrf"]')) return;
    var input = document.createElement('input');
    input.type = 'hidden';
    input.name = '_csrf';
    input.value = token;
    form.appendChild(input);
  }, true);
  // `<button data-copy="#id">` copies that field's value (e.g. an API key secret shown once).
  document.addEventListener('click', function (event) {
    var button = event.target instanceof Element ? event.target.closest('[data-copy]') : null;
    if (!button) return;
    var field = document.querySelector(button.getAttribute('data-copy'));
    if (!field) return;
    var done = function () { button.textContent = 'Copied'; };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value || field.textContent || '').then(done, function () {});
    } else if (field.select) {
      field.select();
      if (document.execCommand('copy')) done();
    }
  });
})();
