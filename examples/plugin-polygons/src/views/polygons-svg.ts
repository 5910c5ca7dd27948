import { html } from 'atoll/plugin/html';
import type { PolygonGeometry } from '../geometry/polygon-geometry';

/** Drawing units of the longer side of the map; the SVG scales to its container. */
const SIZE = 1000;
const PAD = 20;

export interface DrawnPolygon {
  id: string;
  name: string;
  geometry: PolygonGeometry;
  areaSquareMeters: number;
}

/**
 * A projection that fits every position into SIZE units: equirectangular, with longitudes shrunk
 * by the cosine of the middle latitude so shapes keep their proportions near that latitude (fine
 * for the few degrees a tenant's sites span; polygons across the antimeridian are drawn wide).
 */
function fit(shapes: readonly DrawnPolygon[]) {
  // A loop, not Math.min(...all): 100 polygons of 1,000 positions would overflow the argument list.
  let [minLon, maxLon, minLat, maxLat] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const shape of shapes) {
    for (const [lon, lat] of shape.geometry.coordinates.flat() as [number, number][]) {
      [minLon, maxLon, minLat, maxLat] = [Math.min(minLon, lon), Math.max(maxLon, lon), Math.min(minLat, lat), Math.max(maxLat, lat)];
    }
  }
  const shrink = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const width = Math.max((maxLon - minLon) * shrink, 1e-9);
  const height = Math.max(maxLat - minLat, 1e-9);
  const scale = SIZE / Math.max(width, height);
  const round = (v: number) => Math.round(v * 100) / 100;
  return {
    project: (p: readonly number[]): [number, number] => [round((p[0]! - minLon) * shrink * scale), round((maxLat - p[1]!) * scale)],
    viewBox: `${-PAD} ${-PAD} ${round(width * scale) + 2 * PAD} ${round(height * scale) + 2 * PAD}`,
  };
}

const km2 = (m2: number) => (m2 / 1_000_000).toLocaleString('en', { maximumFractionDigits: 3 });

/**
 * The polygons as one inline SVG: a path per polygon (holes cut out by the even-odd rule), its name
 * at the centre of its outer ring's bounds, and a `<title>` tooltip. Names are escaped by `html`.
 * The caller gives the figure a text alternative (the table beside it).
 */
export function polygonsSvg(shapes: readonly DrawnPolygon[], label: { title: string; description: string }) {
  const { project, viewBox } = fit(shapes);
  const drawn = shapes.map((shape, i) => {
    const d = shape.geometry.coordinates.map((ring) => `M${ring.map((p) => project(p).join(',')).join('L')}Z`).join(' ');
    const outer = shape.geometry.coordinates[0]!.map(project);
    const xs = outer.map((p) => p[0]);
    const ys = outer.map((p) => p[1]);
    const [cx, cy] = [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
    const hue = (i * 137) % 360;
    return html`<g data-polygon="${shape.id}"><title>${shape.name}: ${km2(shape.areaSquareMeters)} km²</title><path d="${d}" fill="hsl(${hue} 70% 45% / 0.25)" stroke="hsl(${hue} 70% 35%)" stroke-width="2" vector-effect="non-scaling-stroke" fill-rule="evenodd"></path><text x="${cx}" y="${cy}" text-anchor="middle" dominant-baseline="middle" font-size="18" fill="currentColor">${shape.name}</text></g>`;
  });
  return html`<svg id="polygons-map" viewBox="${viewBox}" role="img" aria-labelledby="polygons-map-title polygons-map-desc" style="width:100%;max-height:70vh" xmlns="http://www.w3.org/2000/svg"><title id="polygons-map-title">${label.title}</title><desc id="polygons-map-desc">${label.description}</desc>${drawn}</svg>`;
}
