import { sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { seedUser } from '../../test/worker/seed';
import { SALES_COLUMNS, seedMetric, seedTable } from './services/reads/testing';
import { runDatasetQuery } from './services/run-query';
import { runReaderSql } from './services/sql/run-reader-sql';
import { bootDatasets, call, inTenant, team, withDatabase } from './testing';

vi.setConfig({ testTimeout: 30_000 });
const atoll = await bootDatasets();

/** Two tenants with a `sales` table each (same name) and tenant A's `regions`. */
async function twoTenants() {
  const a = await team(atoll, 'sqa');
  const b = await team(atoll, 'sqb');
  const rows = [
    ['north', '10', '1.5', 'true', '2024-01-01T00:00:00Z'],
    ['south', '20', '2.5', 'false', '2024-01-02 12:00:00'],
    ['north', '5', null, null, null],
  ];
  const salesA = await seedTable(atoll, a.tenant.id, { name: 'sales', columns: SALES_COLUMNS, rows });
  const regions = await seedTable(atoll, a.tenant.id, {
    name: 'Regions',
    columns: [
      { name: 'region', type: 'text' },
      { name: 'manager', type: 'text' },
    ],
    rows: [
      ['north', 'Ann'],
      ['south', 'Bo'],
    ],
  });
  const salesB = await seedTable(atoll, b.tenant.id, { name: 'sales', columns: SALES_COLUMNS, rows: [['secret', '999', '9', 'true', null]] });
  const secretB = await seedTable(atoll, b.tenant.id, { name: 'b_only', columns: [{ name: 'x', type: 'text' }], rows: [['b secret']] });
  return { a, b, salesA, salesB, regions, secretB };
}

const query = (who: Parameters<typeof call>[3], tenant: string, sql: string, status = 200, code?: string, limit?: number) =>
  call(atoll, 'POST', '/api/v1/datasets/query', who, { tenant, body: { sql, ...(limit ? { limit } : {}) }, status, ...(code ? { code } : {}) });

describe('POST /datasets/query', async () => {
  const t = await twoTenants();

  it('joins and aggregates across two datasets, typed for JSON', async () => {
    const result = await query(
      t.a.viewer,
      t.a.tenant.id,
      'select s.region, r.manager, sum(s.amount) as total, avg(s.price) as mean_price, bool_or(s.paid) as any_paid, max(s.at) as last from sales s join regions r using (region) group by 1, 2 order by 1',
    );
    expect(result.columns).toEqual([
      { name: 'region', type: 'text' },
      { name: 'manager', type: 'text' },
      { name: 'total', type: 'numeric' },
      { name: 'mean_price', type: 'double precision' },
      { name: 'any_paid', type: 'boolean' },
      { name: 'last', type: 'timestamp with time zone' },
    ]);
    expect(result.rows).toEqual([
      ['north', 'Ann', 15, 1.5, true, '2024-01-01T00:00:00Z'],
      ['south', 'Bo', 20, 2.5, false, '2024-01-02T12:00:00Z'],
    ]);
    expect(result).toMatchObject({ rowCount: 2, truncated: false });
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('reads metric datasets as (metric, value, timestamp) and keeps duplicate column names', async () => {
    const m = await seedMetric(atoll, t.a.tenant.id, [
      { metric: 'cpu', value: 0.5, ts: '2024-03-01T00:00:00Z' },
      { metric: 'cpu', value: 0.7, ts: '2024-03-01T00:01:00Z' },
    ]);
    const result = await query(t.a.member, t.a.tenant.id, `select metric, count(*) as n, max(value), max("timestamp") from ${m.name} group by metric`);
    expect(result.rows).toEqual([['cpu', 2, 0.7, '2024-03-01T00:01:00Z']]);
    const dup = await query(t.a.member, t.a.tenant.id, 'select 1 as a, 2 as a, null::text as b');
    expect(dup.columns.map((c: { name: string }) => c.name)).toEqual(['a', 'a', 'b']);
    expect(dup.rows).toEqual([[1, 2, null]]);
  });

  it("does not know another tenant's datasets, even by the same name", async () => {
    const mine = await query(t.a.owner, t.a.tenant.id, 'select region, amount from sales order by amount');
    expect(mine.rows.map((r: unknown[]) => r[0])).toEqual(['north', 'north', 'south']);
    const other = await query(t.a.owner, t.a.tenant.id, 'select * from b_only', 400, 'DATASETS_SQL_UNKNOWN_DATASET');
    expect(other.detail).toContain('b_only');
    expect(JSON.stringify(await query(t.b.owner, t.b.tenant.id, 'select * from sales'))).not.toContain('north');
  });

  it('refuses everything but one read-only SELECT with a 400 naming why', async () => {
    const cases: [string, string][] = [
      ["select pg_read_file('/etc/passwd')", 'DATASETS_SQL_FORBIDDEN_FUNCTION'],
      ["copy (select 1) to '/tmp/x'", 'DATASETS_SQL_NOT_SELECT'],
      ["select 1 from sales; copy sales to '/tmp/x'", 'DATASETS_SQL_MULTIPLE_STATEMENTS'],
      ['select 1; select 2', 'DATASETS_SQL_MULTIPLE_STATEMENTS'],
      ['select 1 /* hidden */; /* second */ drop table datasets', 'DATASETS_SQL_MULTIPLE_STATEMENTS'],
      ['select 1 -- comment\n; delete from datasets', 'DATASETS_SQL_MULTIPLE_STATEMENTS'],
      ['create table x (a int)', 'DATASETS_SQL_NOT_SELECT'],
      ['drop table datasets', 'DATASETS_SQL_NOT_SELECT'],
      ['alter table datasets add column x int', 'DATASETS_SQL_NOT_SELECT'],
      ["insert into datasets_table_rows values (null, null, 1, '[]')", 'DATASETS_SQL_NOT_SELECT'],
      ['update sales set amount = 0', 'DATASETS_SQL_NOT_SELECT'],
      ['delete from sales', 'DATASETS_SQL_NOT_SELECT'],
      ['with gone as (delete from sales returning *) select * from gone', 'DATASETS_SQL_FORBIDDEN_KEYWORD'],
      ['select * into stolen from sales', 'DATASETS_SQL_FORBIDDEN_KEYWORD'],
      ['select * from sales for update', 'DATASETS_SQL_FORBIDDEN_KEYWORD'],
      [`select set_config('atoll.tenant_id', '${t.b.tenant.id}', true)`, 'DATASETS_SQL_FORBIDDEN_FUNCTION'],
      ['select * from public.tenants', 'DATASETS_SQL_SCHEMA_QUALIFIED'],
      ['select * from pg_catalog.pg_roles', 'DATASETS_SQL_SCHEMA_QUALIFIED'],
      ['select * from tenants', 'DATASETS_SQL_UNKNOWN_DATASET'],
      ['select * from datasets_table_rows', 'DATASETS_SQL_UNKNOWN_DATASET'],
      ['selec 1', 'DATASETS_SQL_NOT_SELECT'],
      ['select from where', 'DATASETS_SQL_SYNTAX'],
      ['select nope from sales', 'DATASETS_SQL_UNKNOWN_COLUMN'],
      ['select 1/0', 'DATASETS_SQL_DATA_ERROR'],
      ['select no_such_function(1)', 'DATASETS_SQL_UNKNOWN_FUNCTION'],
    ];
    for (const [sql, code] of cases) {
      const problem = await query(t.a.viewer, t.a.tenant.id, sql, 400, code);
      expect(problem.detail, sql).toBeTruthy();
    }
    const syntax = await query(t.a.viewer, t.a.tenant.id, 'select region frm sales', 400, 'DATASETS_SQL_SYNTAX');
    expect(syntax.detail).toContain('at position');
  });

  it('maps every error a read-only query can cause to a coded 400, never a 5xx', async () => {
    const cases: [string, string][] = [
      ["select 'a\u0000b'", 'DATASETS_SQL_DATA_ERROR'],
      ["select E'a\\x00b'", 'DATASETS_SQL_DATA_ERROR'],
      ["select E'\\000'", 'DATASETS_SQL_DATA_ERROR'],
      ["select convert_from('\\x00'::bytea, 'UTF8')", 'DATASETS_SQL_DATA_ERROR'],
      ['select chr(0)', 'DATASETS_SQL_DATA_ERROR'],
      ["select 'x'::int", 'DATASETS_SQL_DATA_ERROR'],
      ["select repeat('x', 1073741824)", 'DATASETS_SQL_TOO_COMPLEX'],
      ['select 1 from sales group by nope', 'DATASETS_SQL_UNKNOWN_COLUMN'],
      ['select cast(1 as no_such_type)', 'DATASETS_SQL_INVALID'],
      ['select amount from sales, sales', 'DATASETS_SQL_INVALID'],
    ];
    for (const [sql, code] of cases) {
      const problem = await query(t.a.viewer, t.a.tenant.id, sql, 400, code);
      expect(problem.detail, sql).toBeTruthy();
    }
  });

  it('allows semicolons and keywords inside strings, dollar quotes and comments', async () => {
    const result = await query(t.a.viewer, t.a.tenant.id, "select $$a; drop table datasets;$$ as d, 'x;delete' as s /* ; */ -- ;\n;");
    expect(result.rows).toEqual([['a; drop table datasets;', 'x;delete']]);
  });

  it('caps rows at the limit and says it truncated', async () => {
    const full = await query(t.a.viewer, t.a.tenant.id, 'select g from generate_series(1, 1500) g');
    expect(full).toMatchObject({ rowCount: 1000, truncated: true });
    expect(full.rows.at(-1)).toEqual([1000]);
    expect(await query(t.a.viewer, t.a.tenant.id, 'select g from generate_series(1, 5) g', 200, undefined, 3)).toMatchObject({ rowCount: 3, truncated: true, rows: [[1], [2], [3]] });
    expect(await query(t.a.viewer, t.a.tenant.id, 'select g from generate_series(1, 3) g', 200, undefined, 3)).toMatchObject({ rowCount: 3, truncated: false });
  });

  it('refuses a result of more than 4 MiB of text with 422, whether one cell or many rows', async () => {
    for (const sql of ["select repeat('x', 1000000) as big from generate_series(1, 10)", "select repeat('x', 5000000) as big"]) {
      const problem = await query(t.a.viewer, t.a.tenant.id, sql, 422, 'DATASETS_SQL_RESULT_TOO_LARGE');
      expect(problem.detail, sql).toContain('larger than 4194304 bytes');
    }
    expect((await query(t.a.viewer, t.a.tenant.id, "select repeat('x', 4194304) as big")).rows[0][0]).toHaveLength(4_194_304);
  });

  it('refuses a bad body, and keeps out strangers and the unauthenticated', async () => {
    const stranger = await seedUser(atoll);
    await call(atoll, 'POST', '/api/v1/datasets/query', null, { tenant: t.a.tenant.id, body: { sql: 'select 1' }, status: 401 });
    await call(atoll, 'POST', '/api/v1/datasets/query', stranger, { tenant: t.a.tenant.id, body: { sql: 'select 1' }, status: 404 });
    for (const body of [{}, { sql: '' }, { sql: 'select 1', limit: 1001 }, { sql: 'x'.repeat(20_001) }]) {
      const problem = await call(atoll, 'POST', '/api/v1/datasets/query', t.a.viewer, { tenant: t.a.tenant.id, body, status: 400 });
      expect(problem.errors?.length, JSON.stringify(problem)).toBeGreaterThan(0);
    }
  });

  it('stops a query at the statement timeout', async () => {
    await withDatabase(atoll, async (db) => {
      await expect(runDatasetQuery({ db, tenantId: t.a.tenant.id, sql: 'select count(*) from generate_series(1, 100000) a, generate_series(1, 100000) b', timeoutMs: 200 })).rejects.toMatchObject({
        code: 'DATASETS_SQL_TIMEOUT',
      });
    });
  });
});

describe('the database wall alone (no application check)', async () => {
  const t = await twoTenants();
  const asReader = (tenantId: string, sql: string) => withDatabase(atoll, (db) => runReaderSql(db, tenantId, sql));

  it("shows the reader only its tenant's rows, even with the tenant setting forged", async () => {
    const all = await asReader(t.a.tenant.id, 'select tenant_id from public.datasets_table_rows');
    expect(all.rows.length).toBe(5);
    expect(new Set(all.rows.map((r) => r[0]))).toEqual(new Set([t.a.tenant.id]));
    const forged = await asReader(t.a.tenant.id, `select tenant_id, set_config('atoll.tenant_id', '${t.b.tenant.id}', true) from public.datasets_table_rows`);
    expect(forged.rows.map((r) => r[0]).filter((id) => id !== t.a.tenant.id)).toEqual([]);
    const forgedFirst = await asReader(
      t.a.tenant.id,
      `select r.tenant_id from (select set_config('atoll.tenant_id', '${t.b.tenant.id}', true)) s, lateral (select tenant_id from public.datasets_table_rows) r`,
    );
    expect(forgedFirst.rows.map((r) => r[0]).filter((id) => id !== t.a.tenant.id)).toEqual([]);
    const metrics = await asReader(t.a.tenant.id, `select count(*) from public.datasets_metric_points where tenant_id = '${t.b.tenant.id}'`);
    expect(metrics.rows).toEqual([[0]]);
  });

  it('denies every other table, files and writes', async () => {
    for (const [sql, code] of [
      ['select * from public.tenants', 'DATASETS_SQL_PERMISSION_DENIED'],
      ['select * from public.datasets', 'DATASETS_SQL_PERMISSION_DENIED'],
      ['select * from public.datasets_sql_grants', 'DATASETS_SQL_PERMISSION_DENIED'],
      ["select pg_read_file('/etc/passwd')", 'DATASETS_SQL_PERMISSION_DENIED'],
      ["select pg_ls_dir('.')", 'DATASETS_SQL_PERMISSION_DENIED'],
      ["select lo_import('/etc/passwd')", 'DATASETS_SQL_PERMISSION_DENIED'],
      ["select * from (select 1) q, lateral (select nextval('x')) n", 'DATASETS_SQL_UNKNOWN_DATASET'],
    ] as const) {
      await expect(asReader(t.a.tenant.id, sql), sql).rejects.toMatchObject({ code });
    }
    await expect(asReader(t.a.tenant.id, 'select * from (delete from public.datasets_table_rows returning 1) d')).rejects.toMatchObject({ code: 'DATASETS_SQL_SYNTAX' });
  });

  it('pins the reader role: a query cannot leave it', async () => {
    for (const sql of [`select set_config('role', 'none', true)`, `select * from (select set_config('role', 'atoll', true)) s, lateral (select count(*) from public.datasets_table_rows) r`]) {
      await expect(asReader(t.a.tenant.id, sql), sql).rejects.toMatchObject({ code: 'DATASETS_SQL_PERMISSION_DENIED' });
    }
  });

  it("hides other tenants' datasets from any role while a grant exists, and shows the reader nothing without one", async () => {
    const counts = await inTenant(atoll, t.a.tenant.id, async (tx) => {
      const count = async (q: string) => Number(((await tx.execute(sql.raw(q))) as unknown as { rows: { n: string }[] }).rows[0]!.n);
      const before = await count('select count(*) as n from datasets_table_rows');
      await tx.execute(sql.raw('set local role atoll_sql_reader'));
      const readerWithoutGrant = await count('select count(*) as n from public.datasets_table_rows');
      await tx.execute(sql.raw('reset role'));
      await tx.execute(sql`insert into datasets_sql_grants (xid, tenant_id) values (pg_current_xact_id(), ${t.a.tenant.id})`);
      await tx.execute(sql`select set_config('atoll.tenant_id', ${t.b.tenant.id}, true)`);
      // The app role itself, with the tenant setting switched to B: the grant still binds it to A.
      const forged = await count('select count(*) as n from datasets_table_rows');
      const forgedNames = await count('select count(*) as n from datasets');
      throw Object.assign(new Error('rollback'), { counts: [before, readerWithoutGrant, forged, forgedNames] });
    }).catch((e: { counts?: number[] }) => e.counts);
    expect(counts).toEqual([5, 0, 0, 0]);
  });

  it('releases session-level advisory locks, which a rollback would leave on a pooled connection', async () => {
    const held = await withDatabase(atoll, async (db) => {
      await runReaderSql(db, t.a.tenant.id, 'select pg_advisory_lock(987654321)');
      await expect(runReaderSql(db, t.a.tenant.id, 'with l as materialized (select pg_advisory_lock(987654321)) select (select count(*) from l) / 0')).rejects.toMatchObject({
        code: 'DATASETS_SQL_DATA_ERROR',
      });
      const locks = await db.execute(sql`select count(*)::int as n from pg_locks where locktype = 'advisory' and objid = 987654321`);
      return (locks.rows[0] as { n: number }).n;
    });
    expect(held).toBe(0);
  });

  it('leaves no grant behind and never commits', async () => {
    await asReader(t.a.tenant.id, 'select 1');
    const left = await inTenant(atoll, t.a.tenant.id, (tx) => tx.execute(sql`select count(*)::int as n from datasets_sql_grants`));
    expect((left.rows[0] as { n: number }).n).toBe(0);
  });
});
