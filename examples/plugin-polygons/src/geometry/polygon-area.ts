import { area } from '@turf/area';
import type { PolygonGeometry } from './polygon-geometry';

/**
 * The polygon's geodesic area in square metres (@turf/area: the spherical excess on a sphere of the
 * WGS84 mean radius; holes subtracted). Exact enough for reporting, not for surveying.
 */
export const polygonArea = (geometry: PolygonGeometry): number => area(geometry);

/** How many positions the polygon holds over all its rings. */
export const positionCount = (geometry: PolygonGeometry): number => geometry.coordinates.reduce((sum, ring) => sum + ring.length, 0);
