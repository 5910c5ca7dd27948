import type { Database } from 'atoll/plugin';
import { MAX_RESULT_BYTES } from './limits';
import { inReaderTransaction } from './reader-transaction';
import { runSelect, type SelectOutput } from './run-select';

/**
 * The database wall alone: runs `sql` as the reader role for `tenantId` with no application check
 * and no dataset CTEs. Only for tests that prove the role and row-level security hold by themselves.
 */
export const runReaderSql = (db: Database, tenantId: string, sql: string, timeoutMs = 5_000): Promise<SelectOutput> =>
  inReaderTransaction(db, tenantId, timeoutMs, (tx, enter) => runSelect(tx, enter, { ctes: '', body: sql, limit: 1000, maxBytes: MAX_RESULT_BYTES }));
