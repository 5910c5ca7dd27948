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
