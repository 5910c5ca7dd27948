// Starts Swagger UI on the spec URL the page names (kept out of the HTML so the CSP needs no inline script).
window.addEventListener('DOMContentLoaded', function () {
  var root = document.getElementById('swagger-ui');
  window.ui = window.SwaggerUIBundle({
    url: /** @type {HTMLElement} */ (root).getAttribute('data-spec-url'),
    dom_id: '#swagger-ui',
    // Deep links put a link inside each operation's toggle button: nested controls a screen reader cannot reach.
    deepLinking: false,
    tryItOutEnabled: false,
    onComplete: function () {
      var servers = document.getElementById('servers');
      if (servers) servers.setAttribute('aria-label', 'Server');
    },
  });
});
