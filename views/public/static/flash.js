// Where htmx shows an error (the layout's htmx-config sends every 4xx/5xx to #flash at the top):
// - a form's error goes in a box right after that form, where the person is looking;
// - a failed boosted navigation (a link or GET form) shows the server's error page as the page.
// Kept out of the HTML: the CSP allows no inline script.
(function () {
  var BOX = 'form-flash';

  /** @param {Element | null | undefined} elt */
  function failedForm(elt) {
    var form = elt && elt.closest ? elt.closest('form') : null;
    // Header forms (tenant switcher, sign out) have no room beside them: #flash serves them.
    return form && !form.closest('header') ? form : null;
  }

  /** @param {HTMLFormElement} form */
  function boxAfter(form) {
    var next = form.nextElementSibling;
    if (next && next.classList.contains(BOX)) return next;
    var box = document.createElement('div');
    box.className = BOX; // the alert inside carries role="alert"
    form.after(box);
    return box;
  }

  document.addEventListener('htmx:beforeSwap', function (event) {
    var detail = event.detail;
    if (!detail.isError) return;
    var config = detail.requestConfig || {};
    if (detail.boosted && config.verb === 'get' && /<html[\s>]/i.test(detail.serverResponse)) {
      detail.target = document.body;
      detail.swapOverride = 'innerHTML';
      return;
    }
    var form = failedForm(config.elt);
    if (form) detail.target = boxAfter(form);
    // The form's own hx-select / hx-swap describe its success response, not this alert.
    detail.selectOverride = 'unset';
    detail.swapOverride = 'innerHTML';
  });

  // The failing fields under the form's own labels, where the form has them.
  document.addEventListener('htmx:afterSwap', function (event) {
    var box = event.detail.target;
    if (!box || !box.classList || !box.classList.contains(BOX)) return;
    var form = /** @type {HTMLFormElement | null} */ (box.previousElementSibling);
    box.querySelectorAll('li[data-field]').forEach(function (item) {
      var field = form && /** @type {HTMLInputElement | null} */ (form.elements.namedItem(/** @type {string} */ (item.getAttribute('data-field'))));
      var label = field && field.labels && field.labels[0];
      var span = item.querySelector('.field-label');
      if (!label || !span) return;
      var text = Array.prototype.filter
        .call(label.childNodes, function (node) {
          return node.nodeType === Node.TEXT_NODE;
        })
        .map(function (node) {
          return node.textContent;
        })
        .join(' ')
        .trim();
      if (text) span.textContent = text;
    });
  });

  // A new attempt clears the last error about that form.
  document.addEventListener('htmx:beforeRequest', function (event) {
    var form = failedForm(event.detail.elt);
    var next = form && form.nextElementSibling;
    if (next && next.classList.contains(BOX)) next.textContent = '';
  });
})();
