import type { Database } from 'atoll/plugin';
import { DEFAULT_SQL_BOUNDS, ROW_CAP, type SqlBounds, STATEMENT_TIMEOUT_MS } from './limits';
import { inReaderTransaction } from './reader-transaction';
import { runSelect, type SelectOutput } from './run-select';

/**
 * The database wall alone: runs `sql` as the reader role for `tenantId` with no application check,
 * no dataset CTEs and no query slot. Only for tests that prove the role, row-level security and the
 * transaction's settings hold by themselves.
 */
export const runReaderSql = (db: Database, tenantId: string, sql: string, options: Partial<SqlBounds> & { timeoutMs?: number } = {}): Promise<SelectOutput> => {
  const bounds = { ...DEFAULT_SQL_BOUNDS, ...options };
  const settings = { timeoutMs: options.timeoutMs ?? STATEMENT_TIMEOUT_MS, workMemKb: bounds.workMemKb, tempFileLimitKb: bounds.tempFileLimitKb };
  return inReaderTransaction(db, tenantId, settings, (tx, enter) => runSelect(tx, enter, { ctes: '', body: sql, limit: ROW_CAP, maxBytes: bounds.maxResultBytes }));
};
