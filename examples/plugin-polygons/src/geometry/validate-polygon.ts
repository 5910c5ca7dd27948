import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { booleanValid } from '@turf/boolean-valid';
import { kinks } from '@turf/kinks';
import type { FieldError } from 'atoll/plugin';
import { polygonArea } from './polygon-area';
import type { PolygonGeometry, Position } from './polygon-geometry';

/** Stop listing problems past this many: one bad paste can hold thousands of out-of-range numbers. */
const MAX_ERRORS = 20;

const at = (...indexes: number[]) => ['geometry', 'coordinates', ...indexes].join('.');
const error = (path: string, message: string): FieldError => ({ location: 'body', path, message });
const show = (p: readonly number[]) => `[${p[0]}, ${p[1]}]`;

/**
 * What is wrong with a polygon whose JSON shape is already right (arrays of 2-3 finite numbers),
 * one field error per problem, named by path as the kernel names fields (`geometry.coordinates.0`
 * is the outer ring, `geometry.coordinates.0.3` its fourth position). Empty when it is valid:
 * every ring has at least 4 positions and is closed, longitudes lie in [-180, 180] and latitudes
 * in [-90, 90], no ring crosses or touches itself (@turf/kinks) or lies flat (zero area, @turf/area),
 * no hole crosses the outer ring (@turf/boolean-valid), and every hole lies inside the outer ring
 * (@turf/boolean-point-in-polygon).
 */
export function validatePolygon(geometry: PolygonGeometry): FieldError[] {
  const errors: FieldError[] = [];
  geometry.coordinates.forEach((ring, r) => {
    if (ring.length < 4) {
      errors.push(error(at(r), `A ring needs at least 4 positions (3 corners, then the first again to close it); this one has ${ring.length}`));
      return;
    }
    const first = ring[0]!;
    const last = ring[ring.length - 1]!;
    if (first[0] !== last[0] || first[1] !== last[1]) {
      errors.push(error(at(r), `The ring is not closed: its last position ${show(last)} must repeat its first ${show(first)}`));
    }
    errors.push(...outOfRange(ring, r));
  });
  if (errors.length > 0) return errors.slice(0, MAX_ERRORS);
  geometry.coordinates.forEach((ring, r) => {
    const crossings = kinks({ type: 'LineString', coordinates: ring }).features;
    if (crossings.length > 0) {
      const more = crossings.length > 1 ? ` (and ${crossings.length - 1} more)` : '';
      errors.push(error(at(r), `The ring crosses itself at ${show(crossings[0]!.geometry.coordinates)}${more}`));
    } else if (polygonArea({ type: 'Polygon', coordinates: [ring] }) === 0) {
      errors.push(error(at(r), 'The ring encloses no area: its positions lie on one line'));
    }
  });
  if (errors.length > 0) return errors.slice(0, MAX_ERRORS);
  if (!booleanValid(geometry)) {
    errors.push(error(at(), 'A hole crosses or touches the outer ring, or a ring touches itself'));
    return errors;
  }
  return holesOutside(geometry);
}

/**
 * The holes lying outside the outer ring. Once no hole crosses the outer ring, a hole is either
 * wholly inside it or wholly outside it (or around it), so one position strictly outside settles
 * it; positions on the outer ring count as inside, since a hole may touch it at a single point.
 */
function holesOutside(geometry: PolygonGeometry): FieldError[] {
  const [outerRing, ...holes] = geometry.coordinates;
  const outer: PolygonGeometry = { type: 'Polygon', coordinates: [outerRing!] };
  const errors: FieldError[] = [];
  holes.forEach((hole, h) => {
    const outside = hole.find((position) => !booleanPointInPolygon(position, outer));
    if (outside) errors.push(error(at(h + 1), `The hole is not inside the outer ring: its position ${show(outside)} lies outside it`));
  });
  return errors.slice(0, MAX_ERRORS);
}

function outOfRange(ring: readonly Position[], r: number): FieldError[] {
  const errors: FieldError[] = [];
  ring.forEach((position, p) => {
    const [lon, lat] = position as [number, number];
    if (lon < -180 || lon > 180) errors.push(error(at(r, p), `Longitude ${lon} is outside [-180, 180]`));
    if (lat < -90 || lat > 90) errors.push(error(at(r, p), `Latitude ${lat} is outside [-90, 90]`));
  });
  return errors;
}
