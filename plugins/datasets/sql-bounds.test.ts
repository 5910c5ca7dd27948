import { sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { bodyOf, send } from '../../test/worker/harness';
import type { SignedUp } from '../../test/worker/identity';
import { openDatabase } from '../../worker/db/connect';
import type { Database } from '../../worker/db/database';
import { createLogger } from '../../worker/logger';
import { runDatasetQuery } from './services/run-query';
import { runReaderSql } from './services/sql/run-reader-sql';
import { bootDatasets, call, team, withDatabase } from './testing';

vi.setConfig({ testTimeout: 60_000 });
const atoll = await bootDatasets({ DATASETS_SQL_MAX_CONCURRENT: '2' });

/** POST /datasets/query, answering the status, the Retry-After header and the body. */
async function post(who: SignedUp, tenant: string, text: string) {
  const res = await send(atoll, '/api/v1/datasets/query', { method: 'POST', headers: { ...who.headers(), 'x-tenant-id': tenant }, body: JSON.stringify({ sql: text }) });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await bodyOf(res) };
}

const TOO_LARGE = 'DATASETS_SQL_RESULT_TOO_LARGE';
const BOMB = "select string_agg(repeat('x', 100000), '') from generate_series(1, 10000)";

describe('the size of a read-only query', async () => {
  const t = await team(atoll, 'sqb');
  const query = (text: string, status: number, code?: string) =>
    call(atoll, 'POST', '/api/v1/datasets/query', t.viewer, { tenant: t.tenant.id, body: { sql: text }, status, ...(code ? { code } : {}) });

  it('refuses the string_agg bomb (1 GB in one cell) with 422 DATASETS_SQL_RESULT_TOO_LARGE', async () => {
    // Through the service with a long timeout, so a slow machine cannot turn it into a timeout.
    const refused = await withDatabase(atoll, (db) => runDatasetQuery({ db, tenantId: t.tenant.id, sql: BOMB, timeoutMs: 120_000 }).catch((error: unknown) => error));
    expect(refused).toMatchObject({ kind: 'unprocessable', code: TOO_LARGE, message: expect.stringContaining('4194304 bytes') });
    const smaller = await query("select string_agg(repeat('x', 100000), '') from generate_series(1, 100)", 422, TOO_LARGE);
    expect(smaller).toMatchObject({ status: 422, detail: expect.stringContaining('4194304 bytes') });
  });

  it('stops reading as soon as the result passes the bound: later rows are never computed', async () => {
    // Row 41 on would fail (division by zero); five rows of 1 MB pass the 4 MiB bound first.
    await query("select case when g <= 40 then repeat('x', 1000000) else (g / (g - g))::text end as big from generate_series(1, 1000) g", 422, TOO_LARGE);
  });

  it('answers results within the bounds, truncated at the row limit', async () => {
    const rows = await query("select g, repeat('x', 3000) as pad from generate_series(1, 1500) g", 200);
    expect(rows).toMatchObject({ rowCount: 1000, truncated: true });
    expect(rows.rows.at(-1)[0]).toBe(1000);
    const one = await query("select string_agg(repeat('x', 100000), '') as s from generate_series(1, 40)", 200);
    expect(one.rows[0][0]).toHaveLength(4_000_000);
  });

  it("pins work_mem for the query's transaction, and temp_file_limit only where the role may set it", async () => {
    const settings = await withDatabase(atoll, (db) => runReaderSql(db, t.tenant.id, "select current_setting('work_mem'), current_setting('temp_file_limit')", { workMemKb: 2048 }));
    // The test role, like Neon's, is not a superuser: temp_file_limit stays the server's.
    expect(settings.rows).toEqual([['2MB', '-1']]);
    const after = await withDatabase(atoll, (db) => db.execute(sql`select current_setting('work_mem') as w`));
    expect(after.rows).toEqual([{ w: '4MB' }]);
  });
});

describe('read-only queries running at once per tenant (DATASETS_SQL_MAX_CONCURRENT: 2 here)', async () => {
  const a = await team(atoll, 'sqca');
  const b = await team(atoll, 'sqcb');

  it('refuses a third concurrent query of one tenant with 429 and Retry-After; another tenant runs', async () => {
    const running: Promise<Awaited<ReturnType<typeof post>>>[] = [];
    let third: Awaited<ReturnType<typeof post>> | undefined;
    let other: Promise<Awaited<ReturnType<typeof post>>> | undefined;
    const handle = openDatabase(atoll.config.database, createLogger('error'));
    try {
      await handle.db.transaction(async (tx) => {
        // Holding the grants table stops every query right after it took its slot, at its grant.
        await tx.execute(sql`lock table datasets_sql_grants in share mode`);
        running.push(post(a.viewer, a.tenant.id, 'select 1 as one'), post(a.member, a.tenant.id, 'select 2 as two'));
        await waitForBlockedQueries(handle.db, 2);
        // Refused at once, before any grant; were it let through, it would wait for the table too.
        const refused = post(a.viewer, a.tenant.id, 'select 3 as three');
        third = await Promise.race([refused, waitForBlockedQueries(handle.db, 3).then(() => undefined)]);
        if (!third) return;
        other = post(b.viewer, b.tenant.id, 'select 4 as four');
        await waitForBlockedQueries(handle.db, 3);
      });
    } finally {
      await handle.close();
    }
    expect(third, JSON.stringify(third)).toMatchObject({ status: 429, retryAfter: '1', body: { code: 'DATASETS_SQL_CONCURRENCY_LIMITED' } });
    expect(third!.body.detail).toContain('At most 2 SQL queries');
    const done = await Promise.all(running);
    expect(done.map((r) => [r.status, r.body.rows])).toEqual([
      [200, [[1]]],
      [200, [[2]]],
    ]);
    expect((await other!).body.rows).toEqual([[4]]);
    // The slots went with the queries' transactions.
    expect((await post(a.viewer, a.tenant.id, 'select 5 as five')).body.rows).toEqual([[5]]);
  });
});

/** Waits until `n` sessions wait for the grants table (each holds a query slot by then). */
async function waitForBlockedQueries(db: Database, n: number) {
  for (let attempt = 0; attempt < 600; attempt++) {
    const result = await db.execute(sql`select count(*)::int as n from pg_locks where relation = 'datasets_sql_grants'::regclass and not granted`);
    if ((result.rows[0] as { n: number }).n >= n) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`fewer than ${n} queries are waiting for the grants table`);
}
