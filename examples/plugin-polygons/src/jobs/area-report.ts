import { type JobResourceContext, type JobTypeDefinition, runInTenant, z } from 'atoll/plugin';
import { asc, sql } from 'atoll/plugin/db';
import { polygons } from '../db/schema';
import { AreaReportSchema } from './area-report-schema';

/** The job type's name: `polygons.area-report`. */
export const AREA_REPORT = 'polygons.area-report';

/** Polygons read per query while streaming: the stream holds at most one page of geometries. */
const PAGE = 100;
/** A runner that stops reading for this long ends the stream (and frees its connection). */
const IDLE_TIMEOUT_MS = 60_000;

/**
 * `polygons.geojson`: every polygon of the job's tenant as a GeoJSON FeatureCollection (properties
 * `id` and `name`), streamed page by page in id order so a large tenant never sits in memory. One
 * transaction serves every page (one snapshot, and a connection taken before the handler returns:
 * the request's connections close right after the response). Resolves once the first page is read.
 */
function polygonsGeoJson(ctx: JobResourceContext): Promise<Response> {
  const encoder = new TextEncoder();
  const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>(undefined, undefined, { highWaterMark: 4 });
  const writer = writable.getWriter();
  return new Promise<Response>((resolve, reject) => {
    let started = false;
    const streamed = runInTenant(ctx.db, ctx.tenantId, async (tx) => {
      await tx.execute(sql`select set_config('idle_in_transaction_session_timeout', ${String(IDLE_TIMEOUT_MS)}, true)`);
      let after: string | undefined;
      for (;;) {
        const rows = await tx
          .select({ id: polygons.id, name: polygons.name, geometry: polygons.geometry })
          .from(polygons)
          .where(after ? sql`${polygons.id} > ${after}::uuid` : undefined)
          .orderBy(asc(polygons.id))
          .limit(PAGE);
        const features = rows.map((row) => JSON.stringify({ type: 'Feature', properties: { id: row.id, name: row.name }, geometry: row.geometry }));
        const text = `${started ? (features.length > 0 ? ',' : '') : '{"type":"FeatureCollection","features":['}${features.join(',')}`;
        if (!started) {
          started = true;
          resolve(new Response(readable, { headers: { 'content-type': 'application/geo+json', 'cache-control': 'no-store' } }));
        }
        await writer.write(encoder.encode(rows.length < PAGE ? `${text}]}` : text));
        if (rows.length < PAGE) break;
        after = rows.at(-1)!.id;
      }
      await writer.close();
    });
    streamed.catch((error: unknown) => {
      if (!started) return reject(error);
      ctx.logger.warn('polygons.geojson stream stopped', { error, jobId: ctx.jobId });
      writer.abort(error).catch(() => {});
    });
  });
}

/**
 * `polygons.area-report`: a runner reads `polygons.geojson` and reports every polygon's geodesic
 * area (the package's `@atoll-examples/plugin-polygons/runner` handler does it); the result is the report itself.
 * An API key creating one needs `polygons:read` besides `jobs:write`, since the report reads them.
 *
 * @example
 * // POST /api/v1/jobs {"type":"polygons.area-report","input":{}}
 */
export const polygonsJobs: Record<string, JobTypeDefinition> = {
  [AREA_REPORT]: {
    input: z.object({}).strict(),
    result: AreaReportSchema,
    leaseSeconds: 120,
    maxAttempts: 3,
    taskDefinition: 'atoll-runner',
    scopes: ['polygons:read'],
    resources: { 'polygons.geojson': polygonsGeoJson },
  },
};
