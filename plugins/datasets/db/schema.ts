import { sql } from 'drizzle-orm';
import { bigint, boolean, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' }).notNull().defaultNow();

export type DatasetKind = 'metric' | 'table';
export type DatasetFormat = 'csv' | 'json';
export type DatasetStatus = 'created' | 'queued' | 'ingesting' | 'ready' | 'error';
export type ColumnType = 'integer' | 'number' | 'boolean' | 'timestamp' | 'text';
export interface DatasetColumn {
  name: string;
  type: ColumnType;
}
/** A column inferred as text although most of its cells are of another type (one bad cell turns a column to text). */
export interface ColumnWarning {
  column: string;
  /** The type the column's other non-empty cells have. */
  likelyType: Exclude<ColumnType, 'text'>;
  /** How many non-empty cells are not of that type. */
  badCells: number;
  /** The first of them (at most 5): the line where the record starts and the cell's text (cut at 100 characters). */
  samples: { line: number; value: string }[];
}
export interface RowError {
  /** 1-based line of the source file where the rejected record starts (JSON: element index + 1). */
  line: number;
  message: string;
}

/**
 * A tenant's datasets. The name is how SQL refers to it (an identifier, unique per tenant ignoring
 * case). `runId` is the current ingestion run: a queue message for another run is stale. Row-level
 * security and the tenant foreign key are in migrations/0001.
 */
export const datasets = pgTable(
  'datasets',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    tenantId: uuid('tenant_id').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    kind: text('kind').$type<DatasetKind>().notNull(),
    /** True: every ingestion decides `kind` from the CSV header (`metric` only for metric,value,timestamp headers). */
    kindFromHeader: boolean('kind_from_header').notNull().default(false),
    format: text('format').$type<DatasetFormat>().notNull(),
    status: text('status').$type<DatasetStatus>().notNull().default('created'),
    /** S3 key of the uploaded source file: `tenants/<tenantId>/datasets/<id>/source`. */
    objectKey: text('object_key').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }),
    /** Table datasets: inferred columns in file order. Metric datasets: null. */
    columns: jsonb('columns').$type<DatasetColumn[]>(),
    /** Table datasets: types chosen by the user per column name (ignoring case), applied by the next ingestion. */
    columnTypes: jsonb('column_types').$type<Record<string, ColumnType>>().notNull().default(sql`'{}'::jsonb`),
    /** Table datasets: columns that fell to text because of a few cells, found by the last ingestion. */
    columnWarnings: jsonb('column_warnings').$type<ColumnWarning[]>().notNull().default(sql`'[]'::jsonb`),
    rowCount: bigint('row_count', { mode: 'number' }).notNull().default(0),
    skippedCount: bigint('skipped_count', { mode: 'number' }).notNull().default(0),
    /** The first 100 rejected rows. */
    rowErrors: jsonb('row_errors').$type<RowError[]>().notNull().default(sql`'[]'::jsonb`),
    /** Why ingestion failed (status `error`). */
    error: text('error'),
    runId: uuid('run_id'),
    createdBy: text('created_by'),
    createdAt: timestamptz('created_at'),
    updatedAt: timestamptz('updated_at'),
    ingestedAt: timestamp('ingested_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    uniqueIndex('datasets_tenant_name_unique').on(t.tenantId, sql`lower(${t.name})`),
    index('datasets_tenant_created_idx').on(t.tenantId, t.createdAt, t.id),
    // The stale-run sweep looks only at runs in progress, a handful among all datasets.
    index('datasets_busy_idx').on(t.status).where(sql`${t.status} in ('queued', 'ingesting')`),
  ],
);

/**
 * When each dataset's current ingestion run last made progress: set when a consumer claims the run
 * and, throttled, as its batches are written. Not a column of `datasets`: a run holds the dataset's
 * row lock for its whole transaction, so a heartbeat written to that row from another connection
 * would wait for the run itself. One row per dataset, for the run that last claimed it (a row of an
 * earlier run is ignored). Foreign key and row-level security in migrations/0004.
 */
export const ingestProgress = pgTable('datasets_ingest_progress', {
  datasetId: uuid('dataset_id').primaryKey(),
  tenantId: uuid('tenant_id').notNull(),
  runId: uuid('run_id').notNull(),
  progressedAt: timestamptz('progressed_at'),
});

/** Rows of metric datasets: one point per row. */
export const metricPoints = pgTable(
  'datasets_metric_points',
  {
    tenantId: uuid('tenant_id').notNull(),
    datasetId: uuid('dataset_id').notNull(),
    metric: text('metric').notNull(),
    value: doublePrecision('value').notNull(),
    ts: timestamp('ts', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('datasets_metric_points_dataset_idx').on(t.datasetId, t.metric, t.ts), index('datasets_metric_points_tenant_idx').on(t.tenantId, t.metric, t.ts)],
);

/**
 * Rows of table datasets: `cells` is a JSON array in column order holding each cell as its source
 * text (null for an empty cell); every non-null cell parses as its column's inferred type.
 */
export const tableRows = pgTable(
  'datasets_table_rows',
  {
    tenantId: uuid('tenant_id').notNull(),
    datasetId: uuid('dataset_id').notNull(),
    /** 1-based position among the dataset's stored rows (stable order for preview and export). */
    rowNumber: integer('row_number').notNull(),
    cells: jsonb('cells').$type<(string | null)[]>().notNull(),
  },
  (t) => [index('datasets_table_rows_dataset_idx').on(t.datasetId, t.rowNumber)],
);

export type DatasetRow = typeof datasets.$inferSelect;

/**
 * SQL queries saved by name for the whole tenant, listed in the SQL console (the run history is the
 * browser's own, in localStorage). Names are unique per tenant ignoring case. Row-level security and
 * the tenant foreign key are in migrations/0006.
 */
export const savedQueries = pgTable(
  'datasets_saved_queries',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    tenantId: uuid('tenant_id').notNull(),
    name: text('name').notNull(),
    sql: text('sql').notNull(),
    createdBy: text('created_by'),
    createdAt: timestamptz('created_at'),
  },
  (t) => [uniqueIndex('datasets_saved_queries_tenant_name_unique').on(t.tenantId, sql`lower(${t.name})`)],
);

export type SavedQueryRow = typeof savedQueries.$inferSelect;
