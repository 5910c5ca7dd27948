import { createServiceRef, type Database, type Logger } from 'atoll/plugin';
import type { ColumnType, DatasetKind, DatasetStatus } from './db/schema';
import type { ColumnSummary } from './services/reads/summarize-dataset';

export interface QueryResult {
  columns: { name: string; type: string }[];
  rows: unknown[][];
  rowCount: number;
  /** True when the result was cut at `limit` rows. */
  truncated: boolean;
  durationMs: number;
}

/** What other plugins (dashboards, the assistant's SQL tool) may ask of datasets. */
export interface DatasetsService {
  /**
   * Runs one read-only SELECT over the tenant's datasets (referred to by name) under the SQL reader
   * role. Throws a validation error (400) for anything else, `unprocessable` (422
   * `DATASETS_SQL_RESULT_TOO_LARGE`) for a result past the size bound, and `rate_limited` (429
   * `DATASETS_SQL_RATE_LIMITED`, `DATASETS_SQL_CONCURRENCY_LIMITED`) over the tenant's rate or
   * while its concurrent queries are all running.
   */
  runQuery(input: { db: Database; tenantId: string; sql: string; limit?: number }): Promise<QueryResult>;
  /**
   * The dataset named `ref` (ignoring case) or with id `ref`, looked up with `tx` (a transaction
   * already bound to the tenant), or null.
   */
  findDataset(tx: Database, ref: string): Promise<DatasetRef | null>;
  /** The datasets with these ids, looked up in one query with `tx` (bound to the tenant); unknown ids are left out. */
  findDatasets(tx: Database, ids: readonly string[]): Promise<DatasetRef[]>;
  /** A page (`limit` 1-100) of the tenant's datasets, newest first; a foreign cursor is 400 `DATASETS_INVALID_CURSOR`. */
  listDatasets(input: { db: Database; tenantId: string; limit: number; cursor?: string | undefined }): Promise<{ items: DatasetInfo[]; nextCursor: string | null }>;
  /**
   * The dataset named `ref` (ignoring case) or with id `ref`: its SQL columns and, once ready, the
   * per-column summary of `GET /datasets/{id}/summary` (it reads every row). Null when there is none.
   */
  describeDataset(input: { db: Database; tenantId: string; ref: string; logger: Logger }): Promise<DatasetDescription | null>;
}

/** What other plugins learn of a dataset. */
export interface DatasetRef {
  id: string;
  name: string;
  kind: DatasetKind;
  status: DatasetStatus;
}

/** A dataset as other plugins list it. */
export interface DatasetInfo extends DatasetRef {
  description: string | null;
  rowCount: number;
  /** ISO 8601 UTC. */
  createdAt: string;
  updatedAt: string;
}

/** A dataset's columns as SQL reads them and, for a ready one, its per-column summary. */
export interface DatasetDescription {
  /** `error`: why ingestion failed (status `error`). */
  dataset: DatasetInfo & { error: string | null };
  columns: { name: string; type: ColumnType; sqlType: string }[];
  /** Null until the dataset is ready (it has no rows to summarize). */
  summary: ColumnSummary[] | null;
}

/**
 * @example
 * const result = await ctx.service(datasetsServiceRef).runQuery({ db: getDb(c), tenantId, sql: 'select count(*) from sales' });
 */
export const datasetsServiceRef = createServiceRef<DatasetsService>({ id: 'datasets.datasets' });

export type MetricAggregate = 'avg' | 'sum' | 'min' | 'max' | 'count';
/** A `date_trunc` unit, in UTC (weeks start on Monday). */
export type MetricBucket = 'minute' | 'hour' | 'day' | 'week' | 'month';

/** One metric over the half-open range [from, to), optionally of one dataset. */
export interface MetricSelection {
  tenantId: string;
  metric: string;
  range: { from: Date; to: Date };
  datasetId?: string | undefined;
}

/** One bucket of a series: its start (ISO 8601 UTC), the aggregate (null for a sum beyond the double range) and its points. */
export interface MetricBucketRow {
  t: string;
  value: number | null;
  count: number;
}

/** A metric of the ingested datasets: its points, first and last point time (ISO 8601 UTC), and the datasets holding it in id order. */
export interface StoredMetric {
  metric: string;
  count: number;
  from: string;
  to: string;
  datasetIds: string[];
}

/** The tenant's datasets of one status and kind. */
export interface DatasetTotals {
  status: DatasetStatus;
  kind: DatasetKind;
  count: number;
  /** The rows of those with a completed ingestion (their row counters). */
  rows: number;
  /** ISO 8601 UTC, or null when none finished an ingestion. */
  lastIngestedAt: string | null;
}

/**
 * Reads of metric points for other plugins (analytics), so that no other plugin queries the
 * datasets tables. Only datasets with a completed ingestion count: a run's points replace the
 * previous run's in the transaction that marks it ready. Every method runs one query (`aggregate`
 * and `series` two: they first pin `extra_float_digits` for the transaction, which their exact sums
 * need) with `tx`, a transaction already bound to the tenant (`runInTenant`), so row-level security
 * applies; a failing query throws the driver's error for the caller to map.
 */
export interface MetricStore {
  /** Whether the dataset with this id exists in the tenant (of any kind or status). */
  hasDataset(tx: Database, datasetId: string): Promise<boolean>;
  /** One aggregate over the whole range: `value` null when no point falls in it (count 0) or for a sum beyond the double range. */
  aggregate(tx: Database, input: MetricSelection & { agg: MetricAggregate }): Promise<{ value: number | null; count: number }>;
  /** The selection per bucket, buckets with points only, ascending. The first bucket may start before `from` but counts points from `from` only. */
  series(tx: Database, input: MetricSelection & { bucket: MetricBucket; agg: MetricAggregate }): Promise<MetricBucketRow[]>;
  /** At most `limit` distinct metrics (of one dataset, or all), by name. */
  listMetrics(tx: Database, input: { tenantId: string; datasetId?: string | undefined; limit: number }): Promise<StoredMetric[]>;
  /** The metric datasets with a completed ingestion, by name, at most 200 (for pickers). */
  listMetricDatasets(tx: Database, tenantId: string): Promise<{ id: string; name: string }[]>;
  /** The datasets counted per status and kind (only the pairs that occur). */
  datasetTotals(tx: Database, tenantId: string): Promise<DatasetTotals[]>;
  /** Distinct metric names of the datasets with a completed ingestion. */
  countMetrics(tx: Database, tenantId: string): Promise<number>;
}

/**
 * @example
 * const points = await runInTenant(db, tenantId, (tx) => ctx.service(metricStoreServiceRef).series(tx, { tenantId, metric: 'cpu', range, bucket: 'hour', agg: 'avg' }));
 */
export const metricStoreServiceRef = createServiceRef<MetricStore>({ id: 'datasets.metrics' });
