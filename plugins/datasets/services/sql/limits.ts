/** Limits of read-only SQL (SQL.md). */
export const MAX_SQL_CHARS = 20_000;
/** Rows a query returns at most; more sets `truncated`. */
export const ROW_CAP = 1_000;
/** Text size of the rows a query returns at most (the cells as Postgres prints them). */
export const MAX_RESULT_BYTES = 4 * 1024 * 1024;
export const STATEMENT_TIMEOUT_MS = 5_000;
