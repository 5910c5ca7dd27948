import { type AppContext, getDb, getTenant, roleAtLeast } from 'atoll/plugin';
import { html } from 'atoll/plugin/html';
import { LIMITS } from '../geometry/polygon-geometry';
import { MAP_MAX_POLYGONS, mapPolygons } from '../services/map-polygons';
import { polygonsSvg } from './polygons-svg';

const km2 = (m2: number) => (m2 / 1_000_000).toLocaleString('en', { maximumFractionDigits: 3 });

/** `/app/polygons`: the tenant's polygons drawn as one SVG map, with a table that says the same in words. */
export async function polygonsPage(c: AppContext) {
  const tenant = getTenant(c);
  const { rows, total } = await mapPolygons({ ctx: { db: getDb(c) }, input: { tenantId: tenant.id } });
  const form = roleAtLeast(tenant.role, 'member') ? createForm() : null;
  if (rows.length === 0) {
    const how = form ? 'Create the first one below, or with POST /api/v1/polygons.' : 'A member of this tenant can create one.';
    return html`<p class="muted" id="no-polygons">No polygons yet. ${how}</p>${form}`;
  }
  const shown = total > rows.length ? `the newest ${rows.length} of ${total}` : `all ${total}`;
  const svg = polygonsSvg(rows, {
    title: `Polygons of ${tenant.slug}`,
    description: `A map of ${shown} polygons in an equirectangular projection, north up, scaled to fit. The table below lists each polygon's name and area.`,
  });
  return html`<figure class="stack">${svg}<figcaption class="muted">Showing ${shown} polygons${total > MAP_MAX_POLYGONS ? ' (the API lists them all)' : ''}.</figcaption></figure>
<div class="table-scroll" tabindex="0"><table id="polygons">
<caption>Polygons, newest first</caption>
<thead><tr><th scope="col">Name</th><th scope="col">Area (km²)</th><th scope="col">Positions</th><th scope="col">Created</th></tr></thead>
<tbody>${rows.map(
    (p) =>
      html`<tr data-polygon="${p.id}"><td>${p.name}</td><td>${km2(p.areaSquareMeters)}</td><td>${p.positionCount}</td><td><time datetime="${p.createdAt.toISOString()}">${p.createdAt.toISOString().slice(0, 16).replace('T', ' ')}</time></td></tr>`,
  )}</tbody>
</table></div>${form}`;
}

/** Members add a polygon by pasting its GeoJSON geometry; errors come back naming the ring or position. */
const createForm = () =>
  html`<form class="stack" method="post" action="/app/polygons" id="create-polygon">
<h2>New polygon</h2>
<label for="polygon-name">Name<input id="polygon-name" name="name" required maxlength="${LIMITS.nameLength}"></label>
<label for="polygon-geometry">GeoJSON Polygon <small class="muted">[longitude, latitude] in degrees, each ring closed; at most ${LIMITS.positions} positions</small><textarea id="polygon-geometry" name="geometry" required rows="6" spellcheck="false" placeholder='{"type":"Polygon","coordinates":[[[146.8,-19.3],[146.9,-19.3],[146.9,-19.2],[146.8,-19.3]]]}'></textarea></label>
<button type="submit">Create polygon</button>
</form>`;
