/** A position as GeoJSON writes it (RFC 7946): longitude, latitude, and an optional altitude (the API checks the count). */
export type Position = number[];

/** A GeoJSON Polygon geometry: the outer ring first, then its holes. */
export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: Position[][];
}

/** What one polygon may hold, so a single request cannot make validation or drawing expensive. */
export const LIMITS = {
  /**
   * Positions over all rings. The self-intersection and spike checks are quadratic in a ring's
   * positions: measured in Node 20 on this machine, 1,000 take about 80 ms, 5,000 about 2 s.
   */
  positions: 1000,
  /** The outer ring and at most 19 holes. */
  rings: 20,
  nameLength: 200,
  noteLength: 4000,
} as const;
