import { type ChatToolDefinition, toolTable, z } from 'atoll/plugin';
import { polygonArea } from '../geometry/polygon-area';
import { getPolygon } from '../services/get-polygon';

const Input = z.object({ polygonId: z.uuid().describe('The id of one polygon of the tenant (as the polygons API and page show it)') });

const km2 = (squareMeters: number) => squareMeters / 1_000_000;

/**
 * `polygons_area`: the geodesic area of one polygon, in m² and km². Read-only, for viewers; an API
 * key needs `polygons:read`. Computed from the stored geometry with @turf/area.
 */
export const areaTool: ChatToolDefinition<z.output<typeof Input>> = {
  name: 'polygons_area',
  description:
    "Computes the geodesic area of one of the tenant's polygons by id (@turf/area on a sphere of the WGS84 mean radius, holes subtracted). Returns its name, area in square metres and in square kilometres. Read-only.",
  input: Input,
  minRole: 'viewer',
  scopes: ['polygons:read'],
  run: async (input, ctx) => {
    const polygon = await getPolygon({ ctx: { db: ctx.db }, input: { tenantId: ctx.tenantId, polygonId: input.polygonId } });
    const squareMeters = polygonArea(polygon.geometry);
    const { table } = toolTable({ columns: ['id', 'name', 'area_m2', 'area_km2'], rows: [[polygon.id, polygon.name, round(squareMeters, 2), round(km2(squareMeters), 6)]] });
    const text = `Polygon "${polygon.name}" (${polygon.id}) has a geodesic area of ${round(squareMeters, 2)} m² (${round(km2(squareMeters), 6)} km²).`;
    return { text, table, summary: `${round(km2(squareMeters), 3)} km²` };
  },
};

const round = (value: number, digits: number) => Number(value.toFixed(digits));
