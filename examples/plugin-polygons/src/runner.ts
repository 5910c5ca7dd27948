/**
 * `@atoll-examples/plugin-polygons/runner`: the job runner's side of `polygons.area-report`, for a
 * runner (Node) that registers it beside its built-in handlers. It imports no Worker code: only
 * @turf/area and types.
 *
 * @example
 * import { runnerHandlers } from '@atoll-examples/plugin-polygons/runner';
 * const handlers = { ...builtInHandlers, ...runnerHandlers }; // what RUNNER_HANDLERS does
 */
import { polygonArea } from './geometry/polygon-area';
import type { PolygonGeometry } from './geometry/polygon-geometry';
import type { AreaReport } from './jobs/area-report-schema';
import { AREA_REPORT_MAX_ROWS } from './jobs/report-limits';

/** What the handler uses of a runner's handler context. */
export interface AreaReportContext {
  /** A resource of the job's type, streamed from the Worker. */
  resource(name: string): Promise<Response>;
}

interface PolygonFeature {
  properties: { id: string; name: string };
  geometry: PolygonGeometry;
}

/** Reads the tenant's polygons and reports each one's geodesic area, largest first, with the totals. */
export async function areaReport(ctx: AreaReportContext): Promise<AreaReport> {
  const response = await ctx.resource('polygons.geojson');
  if (!response.ok) throw new Error(`polygons.geojson answered ${response.status}`);
  const collection = (await response.json()) as { features: PolygonFeature[] };
  const rows = collection.features
    .map((f) => ({ id: f.properties.id, name: f.properties.name, areaSquareMeters: polygonArea(f.geometry) }))
    .sort((a, b) => b.areaSquareMeters - a.areaSquareMeters || a.id.localeCompare(b.id));
  return {
    polygonCount: rows.length,
    totalSquareMeters: rows.reduce((sum, row) => sum + row.areaSquareMeters, 0),
    polygons: rows.slice(0, AREA_REPORT_MAX_ROWS),
    truncated: rows.length > AREA_REPORT_MAX_ROWS,
  };
}

/** The package's job handlers by type: a runner adds them with RUNNER_HANDLERS=@atoll-examples/plugin-polygons/runner. */
export const runnerHandlers = { 'polygons.area-report': areaReport } as const;
