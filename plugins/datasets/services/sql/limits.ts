/** Limits of read-only SQL (SQL.md). */
export const MAX_SQL_CHARS = 20_000;
/** Rows a query returns at most; more sets `truncated`. */
export const ROW_CAP = 1_000;
export const STATEMENT_TIMEOUT_MS = 5_000;

/** What bounds one query's memory, disk and result, and a tenant's queries at once (the plugin's settings). */
export interface SqlBounds {
  /** `work_mem` of the query's transaction, in kB: each sort or hash spills to disk past it. */
  workMemKb: number;
  /** `temp_file_limit` in kB, applied only where the database role may set it (a superuser, or granted). */
  tempFileLimitKb: number;
  /** Text size of the result (its cells as Postgres prints them) past which the query is stopped (422). */
  maxResultBytes: number;
  /** Queries of one tenant running at once; one more is refused (429). */
  maxConcurrent: number;
}

export const DEFAULT_SQL_BOUNDS: SqlBounds = {
  workMemKb: 4 * 1024,
  tempFileLimitKb: 256 * 1024,
  maxResultBytes: 4 * 1024 * 1024,
  maxConcurrent: 4,
};
