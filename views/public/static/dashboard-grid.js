// The dashboard grid (plugin dashboards): drag a panel by its handle (⠿) to move it, or by its
// bottom-right corner to resize it. While dragging, the panel's placement classes (gx-, gy-, gw-,
// gh-: charts.css) follow the pointer cell by cell; on release the new place is posted to the
// panel's `data-place` URL and the page is shown again as the server laid it out: the server packs
// the grid, so panels never overlap. The card's Move buttons do the same with a keyboard and without
// this script. Only class changes: the CSP allows no inline style or script. Safe to load twice.
(function () {
  if (window.__atollDashboardGrid) return;
  window.__atollDashboardGrid = true;
  var COLUMNS = 12;
  var MAX_ROW = 99;
  var MAX_HEIGHT = 12;

  function csrfToken() {
    var match = document.cookie.match(/(?:^|; )atoll_csrf=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : '';
  }

  /**
   * @param {number} v
   * @param {number} min
   * @param {number} max
   */
  function clamp(v, min, max) {
    return Math.max(min, Math.min(max, v));
  }

  // The handles show only where this script runs.
  function markLive() {
    var grid = document.getElementById('dashboard-grid');
    if (grid) grid.classList.add('grid-live');
  }
  markLive();
  document.addEventListener('DOMContentLoaded', markLive);
  document.addEventListener('htmx:afterSettle', markLive);

  /** @typedef {{ x: number, y: number, w: number, h: number }} Place A panel's cell placement. */

  /**
   * @param {HTMLElement} panel
   * @returns {Place}
   */
  function placeOf(panel) {
    var d = panel.dataset;
    return { x: Number(d.x), y: Number(d.y), w: Number(d.w), h: Number(d.h) };
  }

  /**
   * @param {HTMLElement} panel
   * @param {Place} p
   */
  function showAt(panel, p) {
    var stale = Array.prototype.filter.call(panel.classList, function (c) {
      return /^g[xywh]-\d+$/.test(c);
    });
    stale.forEach(function (c) {
      panel.classList.remove(c);
    });
    panel.classList.add('gx-' + p.x, 'gy-' + p.y, 'gw-' + p.w, 'gh-' + p.h);
  }

  /**
   * @param {HTMLElement} panel
   * @param {Place} p
   */
  function save(panel, p) {
    var body = new URLSearchParams({ x: String(p.x), y: String(p.y), w: String(p.w), h: String(p.h) });
    return fetch(/** @type {string} */ (panel.dataset.place), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'x-csrf-token': csrfToken(), 'hx-request': 'true', 'content-type': 'application/x-www-form-urlencoded' },
      body: body,
    }).then(function (res) {
      if (res.ok) return window.location.assign(res.headers.get('hx-redirect') || window.location.href);
      showAt(panel, placeOf(panel));
      var flash = document.getElementById('flash');
      if (flash) flash.textContent = 'The panel could not be moved (' + res.status + '). Reload the page and try again.';
    });
  }

  document.addEventListener('pointerdown', function (event) {
    // Typed as found: the return below leaves unless both are (the grid is looked up through them).
    var handle = /** @type {HTMLElement} */ (event.target instanceof Element ? event.target.closest('[data-drag]') : null);
    var panel = /** @type {HTMLElement} */ (handle ? handle.closest('[data-place]') : null);
    var grid = panel ? panel.closest('.dashboard-grid') : null;
    if (!grid || event.button !== 0 || getComputedStyle(grid).display !== 'grid') return;
    event.preventDefault();
    var resizing = handle.getAttribute('data-drag') === 'resize';
    var style = getComputedStyle(grid);
    var columnStep = (grid.getBoundingClientRect().width + (parseFloat(style.columnGap) || 0)) / COLUMNS;
    var rowStep = (parseFloat(style.gridAutoRows) || 80) + (parseFloat(style.rowGap) || 0);
    var start = placeOf(panel);
    var current = start;
    var from = { x: event.clientX, y: event.clientY };
    handle.setPointerCapture(event.pointerId);
    panel.classList.add('dragging');

    /** @param {PointerEvent} e */
    function follow(e) {
      var dx = Math.round((e.clientX - from.x) / columnStep);
      var dy = Math.round((e.clientY - from.y) / rowStep);
      var next = resizing
        ? { x: start.x, y: start.y, w: clamp(start.w + dx, 1, COLUMNS - start.x), h: clamp(start.h + dy, 1, MAX_HEIGHT) }
        : { x: clamp(start.x + dx, 0, COLUMNS - start.w), y: clamp(start.y + dy, 0, MAX_ROW), w: start.w, h: start.h };
      if (next.x === current.x && next.y === current.y && next.w === current.w && next.h === current.h) return;
      current = next;
      showAt(panel, next);
    }
    /** @param {PointerEvent} e */
    function finish(e) {
      handle.removeEventListener('pointermove', follow);
      handle.removeEventListener('pointerup', finish);
      handle.removeEventListener('pointercancel', finish);
      panel.classList.remove('dragging');
      var moved = current.x !== start.x || current.y !== start.y || current.w !== start.w || current.h !== start.h;
      if (e.type === 'pointercancel' || !moved) return showAt(panel, start);
      save(panel, current);
    }
    handle.addEventListener('pointermove', follow);
    handle.addEventListener('pointerup', finish);
    handle.addEventListener('pointercancel', finish);
  });
})();
