import { z } from 'atoll/plugin';
import { describe, expect, it, vi } from 'vitest';
import { runToolDirect, toolOf, userCaller } from '../../chat/tools/testing';
import { seedTable } from '../services/reads/testing';
import { bootDatasets, ingested, team, uniqueName } from '../testing';

vi.setConfig({ testTimeout: 60_000 });
const atoll = await bootDatasets();

// Tenant A has an ingested table dataset and two seeded ones whose names differ by a `_`; tenant B has nothing.
const a = await team(atoll, 'dstool-a');
const b = await team(atoll, 'dstool-b');
const sales = await ingested(atoll, a.member, a.tenant.id, 'region,amount\nnorth,10\nsouth,5\nnorth,7\n', { kind: 'table', name: uniqueName('Sales') });
const tag = crypto.randomUUID().slice(0, 8);
const underscored = await seedTable(atoll, a.tenant.id, { name: `lit_${tag}`, columns: [{ name: 'x', type: 'integer' }], rows: [['1']] });
await seedTable(atoll, a.tenant.id, { name: `litx${tag}`, columns: [{ name: 'x', type: 'integer' }], rows: [['2']] });
const broken = await seedTable(atoll, a.tenant.id, { name: uniqueName('broken'), columns: [], rows: [], status: 'error' });

const asA = userCaller(a.viewer, a.tenant.id, 'viewer');
const asB = userCaller(b.owner, b.tenant.id, 'owner');
const run = (name: string, input: unknown, caller = asA) => runToolDirect(atoll, name, input, caller);

describe('datasets tools: declared access', () => {
  it('are read-only, for viewers, and need datasets:read from a key', () => {
    for (const name of ['datasets_list', 'datasets_describe', 'datasets_sql_query']) {
      expect(toolOf(atoll, name), name).toMatchObject({ minRole: 'viewer', scopes: ['datasets:read'] });
      expect(toolOf(atoll, name).writes, name).toBeFalsy();
      expect(z.toJSONSchema(toolOf(atoll, name).input, { io: 'input' }), name).toMatchObject({ type: 'object' });
    }
  });
});

describe('datasets_list', () => {
  it("lists the tenant's datasets with kind, status, rows and columns", async () => {
    const result = await run('datasets_list', { name: sales.name.toLowerCase() });
    expect(result.table?.columns).toEqual(['name', 'kind', 'status', 'rows', 'columns', 'id']);
    expect(result.table?.rows).toEqual([[sales.name, 'table', 'ready', 3, 'region text; amount integer', sales.id]]);
    expect(result.text).toContain(`${sales.name},table,ready,3,region text; amount integer,${sales.id}`);
    expect(result.summary).toBe('1 dataset');
  });

  it('matches `_` in the name filter literally, and bounds the count', async () => {
    const filtered = await run('datasets_list', { name: `t_${tag}` });
    expect(filtered.table?.rows.map((r) => r[0])).toEqual([underscored.name]);
    const one = await run('datasets_list', { limit: 1 });
    expect(one.table).toMatchObject({ truncated: true });
    expect(one.table?.rows).toHaveLength(1);
    for (const bad of [{ limit: 101 }, { name: 'a\u0000' }, { name: '\ud800' }]) expect(toolOf(atoll, 'datasets_list').input.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
  });

  it("shows another tenant nothing of A's", async () => {
    const result = await run('datasets_list', {}, asB);
    expect(result.table?.rows).toEqual([]);
    expect(result.text).toContain('(no rows)');
  });
});

describe('datasets_describe', () => {
  it('gives columns with SQL types and the summary, by name (any case) or id', async () => {
    for (const ref of [sales.name.toUpperCase(), sales.id]) {
      const result = await run('datasets_describe', { dataset: ref });
      expect(result.table?.columns).toEqual(['column', 'sql_type', 'count', 'nulls', 'distinct', 'min', 'max', 'mean']);
      expect(result.table?.rows).toEqual([
        ['region', 'text', 3, 0, 2, 'north', 'south', null],
        ['amount', 'bigint', 3, 0, 3, 5, 10, 22 / 3],
      ]);
      expect(result.text).toContain(`Dataset ${sales.name} (table, ready, 3 rows, id ${sales.id})`);
    }
  });

  it('says a dataset that is not ready cannot be summarized yet', async () => {
    const result = await run('datasets_describe', { dataset: broken.name });
    expect(result.text).toContain('Not ready');
    expect(result.table).toBeUndefined();
  });

  it('is DATASETS_NOT_FOUND for an unknown dataset and for another tenant’s', async () => {
    await expect(run('datasets_describe', { dataset: 'no_such_dataset' })).rejects.toMatchObject({ code: 'DATASETS_NOT_FOUND' });
    expect(toolOf(atoll, 'datasets_describe').input.safeParse({ dataset: 'a\u0000' }).success).toBe(false);
    await expect(run('datasets_describe', { dataset: sales.name }, asB)).rejects.toMatchObject({ code: 'DATASETS_NOT_FOUND' });
    await expect(run('datasets_describe', { dataset: sales.id }, asB)).rejects.toMatchObject({ code: 'DATASETS_NOT_FOUND' });
  });
});

describe('datasets_sql_query', () => {
  it('returns the rows as a table and as CSV text', async () => {
    const result = await run('datasets_sql_query', { sql: `select region, sum(amount)::int as total from ${sales.name} group by 1 order by 1` });
    expect(result.table).toEqual({
      columns: ['region', 'total'],
      rows: [
        ['north', 17],
        ['south', 5],
      ],
      truncated: false,
    });
    expect(result.text).toContain('region,total\nnorth,17\nsouth,5');
    expect(result.summary).toMatch(/^2 rows in \d+ ms$/);
  });

  it('writes at most 100 rows into the text, saying how many were left out, and honours limit', async () => {
    const all = await run('datasets_sql_query', { sql: 'select n from generate_series(1, 150) as n' });
    expect(all.table?.rows).toHaveLength(150);
    expect(all.text).toContain('(50 more rows not shown here, 150 in all)');
    expect(all.text.split('\n').filter((line) => /^\d+$/.test(line))).toHaveLength(100);
    const cut = await run('datasets_sql_query', { sql: 'select n from generate_series(1, 150) as n', limit: 120 });
    expect(cut.table).toMatchObject({ truncated: true });
    expect(cut.text).toContain('(the result was cut at 120 rows: more exist)');
  });

  it('refuses what the SQL engine refuses, with its codes', async () => {
    await expect(run('datasets_sql_query', { sql: `delete from ${sales.name}` })).rejects.toMatchObject({ code: 'DATASETS_SQL_NOT_SELECT' });
    await expect(run('datasets_sql_query', { sql: 'select * from public.datasets' })).rejects.toMatchObject({ code: 'DATASETS_SQL_SCHEMA_QUALIFIED' });
    expect(toolOf(atoll, 'datasets_sql_query').input.safeParse({ sql: 'select 1', limit: 1001 }).success).toBe(false);
  });

  it("cannot see another tenant's datasets", async () => {
    await expect(run('datasets_sql_query', { sql: `select * from ${sales.name}` }, asB)).rejects.toMatchObject({ code: 'DATASETS_SQL_UNKNOWN_DATASET' });
    await expect(run('datasets_sql_query', { sql: 'select count(*) from datasets_table_rows' }, asB)).rejects.toMatchObject({ code: expect.stringMatching(/^DATASETS_SQL_/) });
  });
});
