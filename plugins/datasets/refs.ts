import { createServiceRef, type Database } from 'atoll/plugin';

export interface QueryResult {
  columns: { name: string; type: string }[];
  rows: unknown[][];
  rowCount: number;
  /** True when the result was cut at the row cap. */
  truncated: boolean;
  durationMs: number;
}

/** What other plugins (dashboards, the assistant's SQL tool) may ask of datasets. */
export interface DatasetsService {
  /**
   * Runs one read-only SELECT over the tenant's datasets (referred to by name) under the SQL reader
   * role. Throws a validation error (400) for anything else.
   */
  runQuery(input: { db: Database; tenantId: string; sql: string; limit?: number }): Promise<QueryResult>;
}

/**
 * @example
 * const result = await ctx.service(datasetsServiceRef).runQuery({ db: getDb(c), tenantId, sql: 'select count(*) from sales' });
 */
export const datasetsServiceRef = createServiceRef<DatasetsService>({ id: 'datasets.datasets' });
