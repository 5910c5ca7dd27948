import { type Database, limitExceeded, type RateLimiterService, validationFailed } from 'atoll/plugin';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { datasets } from '../db/schema';
import type { DatasetsService, QueryResult } from '../refs';
import { checkSql } from './sql/check-sql';
import { datasetCte } from './sql/dataset-source';
import { DEFAULT_SQL_BOUNDS, ROW_CAP, type SqlBounds, STATEMENT_TIMEOUT_MS } from './sql/limits';
import { takeQuerySlot } from './sql/query-slot';
import { inReaderTransaction } from './sql/reader-transaction';
import { runSelect } from './sql/run-select';

export interface RunQueryInput {
  db: Database;
  tenantId: string;
  sql: string;
  limit?: number;
  /** Statement timeout; default 5 s (tests shorten it). */
  timeoutMs?: number;
  /** Counts the query against the tenant's `perMinute` (429 over it); absent: not limited. */
  rate?: { limiter: RateLimiterService; perMinute: number };
  /** Memory, result and concurrency bounds (the plugin's settings); absent: their defaults. */
  bounds?: SqlBounds;
}

/**
 * Read-only SQL over the tenant's datasets (SQL.md): checks the query (first wall), takes one of
 * the tenant's concurrent query slots (429 when all are taken), defines each ready dataset it names
 * as a CTE, and runs it as the reader role in a read-only transaction that is rolled back (second
 * wall), with a statement timeout, `work_mem`, a row cap and a bound on the result's size.
 *
 * @example
 * const result = await runDatasetQuery({ db, tenantId, sql: 'select region, sum(amount) from sales group by 1' });
 */
export async function runDatasetQuery(input: RunQueryInput): Promise<QueryResult> {
  if (input.rate) {
    const decision = await input.rate.limiter.hit(`datasets.sql|${input.tenantId}`, input.rate.perMinute, 60);
    if (decision && !decision.allowed) {
      throw limitExceeded('DATASETS_SQL_RATE_LIMITED', `At most ${input.rate.perMinute} SQL queries per minute per tenant; try again in ${decision.retryAfterSeconds} s`, decision.retryAfterSeconds);
    }
  }
  const limit = input.limit ?? ROW_CAP;
  if (!Number.isInteger(limit) || limit < 1 || limit > ROW_CAP) throw validationFailed('DATASETS_SQL_LIMIT', `limit must be an integer from 1 to ${ROW_CAP}`);
  const checked = checkSql(input.sql);
  const bounds = input.bounds ?? DEFAULT_SQL_BOUNDS;
  const settings = { timeoutMs: input.timeoutMs ?? STATEMENT_TIMEOUT_MS, workMemKb: bounds.workMemKb, tempFileLimitKb: bounds.tempFileLimitKb };
  return inReaderTransaction(input.db, input.tenantId, settings, async (tx, enter) => {
    await takeQuerySlot(tx, input.tenantId, bounds.maxConcurrent);
    const lowered = [...checked.names].map((n) => n.toLowerCase());
    const named = lowered.length
      ? await tx
          .select({ id: datasets.id, name: datasets.name, kind: datasets.kind, columns: datasets.columns })
          .from(datasets)
          .where(and(eq(datasets.status, 'ready'), inArray(sql`lower(${datasets.name})`, lowered)))
      : [];
    // A quoted "Sales" must not match the dataset sales: Postgres would not fold it either.
    const used = named.filter((d) => checked.names.has(d.name.toLowerCase()));
    const result = await runSelect(tx, enter, { ctes: used.map(datasetCte).join(',\n'), body: checked.body, limit, maxBytes: bounds.maxResultBytes });
    return { ...result, rowCount: result.rows.length };
  });
}

/** The service's queries: each counts against the tenant's SQL rate and runs within the plugin's bounds. */
export const queryService = (rate: { limiter: RateLimiterService; perMinute: number }, bounds: SqlBounds): Pick<DatasetsService, 'runQuery'> => ({
  runQuery: (input) => runDatasetQuery({ ...input, rate, bounds }),
});
