/**
 * `atoll/plugin/db`: the drizzle-orm pieces a plugin package declares its tables and writes its
 * queries with, so it needs no drizzle-orm dependency of its own (two copies of drizzle would not
 * share its runtime type checks). Deliberately narrow: each name is one a plugin uses, re-exported
 * unchanged; ask for more in an issue rather than importing drizzle-orm beside this.
 */
import { type SQL as DrizzleSQL, and as drizzleAnd, asc as drizzleAsc, desc as drizzleDesc, eq as drizzleEq, getTableColumns as drizzleGetTableColumns, sql as drizzleSql } from 'drizzle-orm';
import {
  pgTable as drizzlePgTable,
  doublePrecision as pgDoublePrecision,
  index as pgIndex,
  integer as pgInteger,
  jsonb as pgJsonb,
  text as pgText,
  timestamp as pgTimestamp,
  uuid as pgUuid,
} from 'drizzle-orm/pg-core';

/**
 * Declares a Postgres table (drizzle's `pgTable`); name it after the plugin (`polygons_notes`).
 *
 * @example
 * export const polygons = pgTable('polygons', { id: uuid('id').primaryKey().defaultRandom(), tenantId: uuid('tenant_id').notNull() });
 */
export const pgTable = drizzlePgTable;

/**
 * A `uuid` column.
 *
 * @example
 * id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
 */
export const uuid = pgUuid;

/**
 * A `text` column.
 *
 * @example
 * name: text('name').notNull(),
 */
export const text = pgText;

/**
 * A `timestamp` column; Atoll stores `timestamptz` (`{ withTimezone: true }`).
 *
 * @example
 * createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
 */
export const timestamp = pgTimestamp;

/**
 * A `jsonb` column, typed with `$type<T>()`.
 *
 * @example
 * geometry: jsonb('geometry').$type<PolygonGeometry>().notNull(),
 */
export const jsonb = pgJsonb;

/**
 * An `integer` column.
 *
 * @example
 * positionCount: integer('position_count').notNull(),
 */
export const integer = pgInteger;

/**
 * A `double precision` column.
 *
 * @example
 * areaSquareMeters: doublePrecision('area_square_meters').notNull(),
 */
export const doublePrecision = pgDoublePrecision;

/**
 * An index, in a table's third argument.
 *
 * @example
 * (t) => [index('polygons_tenant_created_idx').on(t.tenantId, t.createdAt, t.id)],
 */
export const index = pgIndex;

/**
 * SQL with bound parameters (drizzle's `sql` template, with `sql.raw` and `sql.join`).
 *
 * @example
 * .where(sql`(${polygons.createdAt}, ${polygons.id}) < (${after.time}::timestamptz, ${after.id}::uuid)`)
 */
export const sql = drizzleSql;

/**
 * A fragment of SQL built with `sql` (drizzle's `SQL`).
 *
 * @example
 * const position: SQL | undefined = after ? sql`${polygons.id} > ${after.id}` : undefined;
 */
export type SQL<T = unknown> = DrizzleSQL<T>;

/**
 * `column = value`.
 *
 * @example
 * tx.select().from(polygons).where(eq(polygons.id, polygonId))
 */
export const eq = drizzleEq;

/**
 * Conditions joined with `AND` (undefined ones are left out).
 *
 * @example
 * .where(and(eq(notes.polygonId, polygonId), position))
 */
export const and = drizzleAnd;

/**
 * Ascending order.
 *
 * @example
 * .orderBy(asc(notes.createdAt), asc(notes.id))
 */
export const asc = drizzleAsc;

/**
 * Descending order.
 *
 * @example
 * .orderBy(desc(polygons.createdAt), desc(polygons.id))
 */
export const desc = drizzleDesc;

/**
 * A table's columns as an object, for a select that adds computed fields.
 *
 * @example
 * tx.select({ ...getTableColumns(polygons), sortKey: sql<string>`...` }).from(polygons)
 */
export const getTableColumns = drizzleGetTableColumns;
