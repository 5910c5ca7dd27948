import { doublePrecision, index, integer, jsonb, pgTable, sql, text, timestamp, uuid } from 'atoll/plugin/db';
import type { PolygonGeometry } from '../geometry/polygon-geometry';

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' }).notNull().defaultNow();

/**
 * A tenant's polygons: a validated GeoJSON Polygon and its geodesic area, computed when written.
 * Row-level security, the tenant foreign key and the checks are in migrations/0001 (hand-written).
 */
export const polygons = pgTable(
  'polygons',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    tenantId: uuid('tenant_id').notNull(),
    name: text('name').notNull(),
    geometry: jsonb('geometry').$type<PolygonGeometry>().notNull(),
    positionCount: integer('position_count').notNull(),
    areaSquareMeters: doublePrecision('area_square_meters').notNull(),
    /** The user id or API key id that created it: with admins, the only caller who may change it. */
    createdBy: text('created_by').notNull(),
    createdAt: timestamptz('created_at'),
    updatedAt: timestamptz('updated_at'),
  },
  (t) => [index('polygons_tenant_created_idx').on(t.tenantId, t.createdAt, t.id)],
);

/** Notes on a polygon; deleted with it (a composite foreign key keeps them in the polygon's tenant). */
export const polygonsNotes = pgTable(
  'polygons_notes',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    tenantId: uuid('tenant_id').notNull(),
    polygonId: uuid('polygon_id').notNull(),
    body: text('body').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamptz('created_at'),
    updatedAt: timestamptz('updated_at'),
  },
  (t) => [index('polygons_notes_polygon_created_idx').on(t.polygonId, t.createdAt, t.id)],
);

export type PolygonRow = typeof polygons.$inferSelect;
export type NoteRow = typeof polygonsNotes.$inferSelect;
