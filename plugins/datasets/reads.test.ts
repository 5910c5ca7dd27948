import { createExecutionContext } from 'cloudflare:test';
import { describe, expect, it, vi } from 'vitest';
import { testEnv } from '../../test/worker/harness';
import { apiKeyOf, seedUser } from '../../test/worker/seed';
import { csvCell } from './services/reads/csv-cell';
import { SALES_COLUMNS, seedMetric, seedTable } from './services/reads/testing';
import { bootDatasets, call, ingested, team } from './testing';

vi.setConfig({ testTimeout: 30_000 });
const atoll = await bootDatasets();

const ROWS = [
  ['north', '10', '1.5', 'true', '2024-01-01T00:00:00Z'],
  ['=cmd|calc', '-3', '-2.5', 'false', '2024-01-02 12:00:00'],
  ['north', '9007199254740993', null, null, null],
  ['say "hi", bye', null, '4', 'true', '2024-01-03T00:00:00+02:00'],
];

/** The export as text. The stream is read before the request's background work is awaited, as a client does. */
async function download(path: string, who: { headers(): Record<string, string> }, tenant: string) {
  const ctx = createExecutionContext();
  const res = await atoll.app.fetch(new Request(`http://atoll.test${path}`, { headers: { ...who.headers(), 'x-tenant-id': tenant } }), testEnv(), ctx);
  return { res, text: await res.text() };
}

describe('table dataset reads', async () => {
  const t = await team(atoll, 'rd');
  const sales = await seedTable(atoll, t.tenant.id, { columns: SALES_COLUMNS, rows: ROWS });
  const base = `/api/v1/datasets/${sales.id}`;

  it('gives the schema and typed preview rows', async () => {
    expect(await call(atoll, 'GET', `${base}/schema`, t.viewer, { tenant: t.tenant.id, status: 200 })).toEqual({ id: sales.id, name: sales.name, kind: 'table', columns: SALES_COLUMNS, rowCount: 4 });
    const preview = await call(atoll, 'GET', `${base}/preview?limit=3`, t.viewer, { tenant: t.tenant.id, status: 200 });
    expect(preview.rows).toEqual([
      ['north', 10, 1.5, true, '2024-01-01T00:00:00Z'],
      ['=cmd|calc', -3, -2.5, false, '2024-01-02T12:00:00Z'],
      ['north', '9007199254740993', null, null, null],
    ]);
    expect((await call(atoll, 'GET', `${base}/preview`, t.viewer, { tenant: t.tenant.id, status: 200 })).rows).toHaveLength(4);
    for (const limit of ['0', '101', 'x']) await call(atoll, 'GET', `${base}/preview?limit=${limit}`, t.viewer, { tenant: t.tenant.id, status: 400 });
  });

  it('summarises every column', async () => {
    const summary = await call(atoll, 'GET', `${base}/summary`, t.viewer, { tenant: t.tenant.id, status: 200 });
    expect(summary.rowCount).toBe(4);
    expect(summary.columns).toEqual([
      { name: 'region', type: 'text', count: 4, nulls: 0, distinct: 3, min: '=cmd|calc', max: 'say "hi", bye', mean: null },
      { name: 'amount', type: 'integer', count: 3, nulls: 1, distinct: 3, min: -3, max: '9007199254740993', mean: expect.closeTo(3002399751580333.5, -2) },
      { name: 'price', type: 'number', count: 3, nulls: 1, distinct: 3, min: -2.5, max: 4, mean: 1 },
      { name: 'paid', type: 'boolean', count: 3, nulls: 1, distinct: 2, min: false, max: true, mean: null },
      { name: 'at', type: 'timestamp', count: 3, nulls: 1, distinct: 3, min: '2024-01-01T00:00:00Z', max: '2024-01-02T22:00:00Z', mean: null },
    ]);
  });

  it('exports CSV with quoting and formula cells neutralised', async () => {
    const { res, text } = await download(`${base}/export?format=csv`, t.viewer, t.tenant.id);
    expect(res.status, text).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${sales.name}.csv"`);
    expect(text).toBe(
      [
        'region,amount,price,paid,at',
        'north,10,1.5,true,2024-01-01T00:00:00Z',
        "'=cmd|calc,-3,-2.5,false,2024-01-02T12:00:00Z",
        'north,9007199254740993,,,',
        '"say ""hi"", bye",,4,true,2024-01-02T22:00:00Z',
        '',
      ].join('\r\n'),
    );
    await call(atoll, 'GET', `${base}/export?format=xlsx`, t.viewer, { tenant: t.tenant.id, status: 400 });
  });

  it('streams a large export in chunks, in row order', async () => {
    const rows = Array.from({ length: 2_500 }, (_, i) => [String(i + 1), i % 2 ? '+1' : '@x']);
    const big = await seedTable(atoll, t.tenant.id, {
      columns: [
        { name: 'n', type: 'integer' },
        { name: 'note', type: 'text' },
      ],
      rows,
    });
    const { res, text } = await download(`/api/v1/datasets/${big.id}/export`, t.viewer, t.tenant.id);
    expect(res.status).toBe(200);
    const lines = text.split('\r\n');
    expect(lines).toHaveLength(2_502);
    expect(lines[1]).toBe("1,'@x");
    expect(lines[2_500]).toBe("2500,'+1");
  });

  it('answers 409 while a dataset is not ready, and 404 for another tenant', async () => {
    const pending = await seedTable(atoll, t.tenant.id, { columns: SALES_COLUMNS, rows: [], status: 'ingesting' });
    for (const path of ['schema', 'preview', 'summary', 'export']) {
      await call(atoll, 'GET', `/api/v1/datasets/${pending.id}/${path}`, t.viewer, { tenant: t.tenant.id, status: 409, code: 'DATASETS_NOT_READY' });
    }
    const other = await team(atoll, 'rdo');
    await call(atoll, 'GET', `${base}/schema`, other.owner, { tenant: other.tenant.id, status: 404, code: 'DATASETS_NOT_FOUND' });
  });
});

describe('metric dataset reads', () => {
  it('reads metric datasets as metric, value, timestamp', async () => {
    const t = await team(atoll, 'rm');
    const m = await seedMetric(atoll, t.tenant.id, [
      { metric: 'cpu', value: 0.5, ts: '2024-03-01T00:01:00Z' },
      { metric: '-cpu', value: 0.25, ts: '2024-03-01T00:00:00Z' },
    ]);
    const base = `/api/v1/datasets/${m.id}`;
    expect((await call(atoll, 'GET', `${base}/schema`, t.viewer, { tenant: t.tenant.id, status: 200 })).columns).toEqual([
      { name: 'metric', type: 'text' },
      { name: 'value', type: 'number' },
      { name: 'timestamp', type: 'timestamp' },
    ]);
    expect((await call(atoll, 'GET', `${base}/preview`, t.viewer, { tenant: t.tenant.id, status: 200 })).rows).toEqual([
      ['-cpu', 0.25, '2024-03-01T00:00:00Z'],
      ['cpu', 0.5, '2024-03-01T00:01:00Z'],
    ]);
    const summary = await call(atoll, 'GET', `${base}/summary`, t.viewer, { tenant: t.tenant.id, status: 200 });
    expect(summary.columns[1]).toEqual({ name: 'value', type: 'number', count: 2, nulls: 0, distinct: 2, min: 0.25, max: 0.5, mean: 0.375 });
    const { text } = await download(`${base}/export`, t.viewer, t.tenant.id);
    expect(text).toBe("metric,value,timestamp\r\n'-cpu,0.25,2024-03-01T00:00:00Z\r\ncpu,0.5,2024-03-01T00:01:00Z\r\n");
  });
});

describe('reads and SQL over an ingested CSV', () => {
  it('previews, summarises and queries what ingestion stored', async () => {
    const t = await team(atoll, 'rin');
    const csv = 'city,temp,rainy\nOslo,3,true\nRome,18,false\nOslo,5,true\n';
    const dataset = await ingested(atoll, t.member, t.tenant.id, csv, { kind: 'table', format: 'csv' });
    expect(dataset.status, JSON.stringify(dataset)).toBe('ready');
    const schema = await call(atoll, 'GET', `/api/v1/datasets/${dataset.id}/schema`, t.viewer, { tenant: t.tenant.id, status: 200 });
    expect(schema).toMatchObject({
      rowCount: 3,
      columns: [
        { name: 'city', type: 'text' },
        { name: 'temp', type: 'integer' },
        { name: 'rainy', type: 'boolean' },
      ],
    });
    expect((await call(atoll, 'GET', `/api/v1/datasets/${dataset.id}/preview`, t.viewer, { tenant: t.tenant.id, status: 200 })).rows[0]).toEqual(['Oslo', 3, true]);
    const result = await call(atoll, 'POST', '/api/v1/datasets/query', t.viewer, {
      tenant: t.tenant.id,
      body: { sql: `select city, avg(temp)::float8 as mean from ${dataset.name} where rainy group by city` },
      status: 200,
    });
    expect(result.rows).toEqual([['Oslo', 4]]);
  });
});

describe('security set for the read and query routes', async () => {
  const t = await team(atoll, 'rsec');
  const sales = await seedTable(atoll, t.tenant.id, { columns: SALES_COLUMNS, rows: ROWS.slice(0, 1) });
  const stranger = await seedUser(atoll);
  const other = await team(atoll, 'rsec2');
  const key = await apiKeyOf(atoll, { tenantId: t.tenant.id, scopes: ['datasets:write'], role: 'viewer', createdBy: t.owner.userId });
  const routes: { method: string; path: string; body?: unknown; bad: string | unknown }[] = [
    { method: 'GET', path: `/api/v1/datasets/${sales.id}/schema`, bad: '/api/v1/datasets/not-a-uuid/schema' },
    { method: 'GET', path: `/api/v1/datasets/${sales.id}/preview`, bad: `/api/v1/datasets/${sales.id}/preview?limit=1000` },
    { method: 'GET', path: `/api/v1/datasets/${sales.id}/summary`, bad: '/api/v1/datasets/nope/summary' },
    { method: 'GET', path: `/api/v1/datasets/${sales.id}/export`, bad: `/api/v1/datasets/${sales.id}/export?format=json` },
    { method: 'POST', path: '/api/v1/datasets/query', body: { sql: 'select 1' }, bad: { sql: 42 } },
  ];
  for (const r of routes) {
    it(`${r.method} ${r.path.replace(/[0-9a-f-]{36}/g, '{id}')}`, async () => {
      await call(atoll, r.method, r.path, null, { tenant: t.tenant.id, body: r.body, status: 401 });
      await call(atoll, r.method, r.path, stranger, { tenant: t.tenant.id, body: r.body, status: 404 });
      await call(atoll, r.method, r.path, key.secret, { body: r.body, status: 403 });
      if (r.method === 'GET') await call(atoll, r.method, r.path, other.owner, { tenant: other.tenant.id, status: 404 });
      const bad =
        typeof r.bad === 'string'
          ? await call(atoll, r.method, r.bad, t.viewer, { tenant: t.tenant.id, status: 400 })
          : await call(atoll, r.method, r.path, t.viewer, { tenant: t.tenant.id, body: r.bad, status: 400 });
      expect(bad.errors?.length ?? 0, JSON.stringify(bad)).toBeGreaterThan(0);
    });
  }
});

describe('csvCell', () => {
  it('neutralises formula starts in text and quotes per RFC 4180', () => {
    expect(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx'].map((v) => csvCell(v))).toEqual(["'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\tx", `"'\rx"`]);
    expect(csvCell('-1', false)).toBe('-1');
    expect(csvCell('a,"b"\nc')).toBe('"a,""b""\nc"');
    expect(csvCell(null)).toBe('');
  });
});
