import { type AppContext, getTenant, parseForm, redirectTo, z } from 'atoll/plugin';
import { serviceCtx } from '../routes/polygons';
import { PolygonGeometrySchema, PolygonName } from '../routes/schemas';
import { createPolygon } from '../services/create-polygon';

/** A pasted GeoJSON Polygon is at most this long: 1,000 positions of long decimals fit easily. */
const MAX_GEOJSON_CHARS = 100_000;

const GeoJsonText = z
  .string()
  .max(MAX_GEOJSON_CHARS)
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'Must be GeoJSON: {"type":"Polygon","coordinates":[[[lon, lat], ...]]}' });
      return z.NEVER;
    }
  })
  .pipe(PolygonGeometrySchema);

// Built once at module scope: zod cannot compile schemas per request in workerd.
const CreateForm = z.object({ name: PolygonName, geometry: GeoJsonText });

/** POST `/app/polygons`: creates a polygon from the page's form (the same service and rules as the API), then shows the map. */
export async function createPolygonFromForm(c: AppContext) {
  const form = await parseForm(c, CreateForm);
  await createPolygon({ ctx: serviceCtx(c), input: { tenantId: getTenant(c).id, ...form } });
  return redirectTo(c, '/app/polygons');
}
