import { invalidGeometry } from '../errors';
import { polygonArea, positionCount } from '../geometry/polygon-area';
import type { PolygonGeometry } from '../geometry/polygon-geometry';
import { validatePolygon } from '../geometry/validate-polygon';

/** The stored columns of a valid geometry, or a 400 `POLYGONS_INVALID_GEOMETRY` naming each bad ring or position. */
export function geometryColumns(geometry: PolygonGeometry) {
  const errors = validatePolygon(geometry);
  if (errors.length > 0) throw invalidGeometry(errors);
  return { geometry, positionCount: positionCount(geometry), areaSquareMeters: polygonArea(geometry) };
}
