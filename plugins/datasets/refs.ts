import { createServiceRef, type Database } from 'atoll/plugin';

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
}

/**
 * @example
 * const result = await ctx.service(datasetsServiceRef).runQuery({ db: getDb(c), tenantId, sql: 'select count(*) from sales' });
 */
export const datasetsServiceRef = createServiceRef<DatasetsService>({ id: 'datasets.datasets' });
