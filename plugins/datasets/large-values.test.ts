import { describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../worker/db/connect';
import { createLogger } from '../../worker/logger';
import { summarizeDataset } from './services/reads/summarize-dataset';
import { seedTable } from './services/reads/testing';
import { bootDatasets, call, ingested, team } from './testing';

vi.setConfig({ testTimeout: 30_000 });
const atoll = await bootDatasets();

const MAX = 1.7976931348623157e308;
// The mean of 1e200, 1 and 1.7e308 is 1.7e308 / 3 to double precision: the small values vanish in
// the sum's last bit, but adding them (or squaring them, as float8's avg does) must not overflow.
const MEAN = 5.666666666666667e307;

describe('summaries of values near the double range', async () => {
  const t = await team(atoll, 'lv');

  it('gives the finite mean of an ingested metric dataset with 1e200, 1 and 1.7e308', async () => {
    const csv = 'metric,value,timestamp\nbig,1e200,2024-01-01T00:00:00Z\nbig,1,2024-01-01T00:10:00Z\nbig,1.7e308,2024-01-01T00:20:00Z\n';
    const done = await ingested(atoll, t.member, t.tenant.id, csv);
    expect(done).toMatchObject({ status: 'ready', rowCount: 3 });
    const summary = await call(atoll, 'GET', `/api/v1/datasets/${done.id}/summary`, t.viewer, { tenant: t.tenant.id, status: 200 });
    expect(summary.columns[1]).toEqual({ name: 'value', type: 'number', count: 3, nulls: 0, distinct: 3, min: 1, max: 1.7e308, mean: MEAN });
  });

  it('gives finite means of an ingested table dataset, up to the largest double', async () => {
    const csv = `a,b,c\n1e200,${MAX},1e200\n1,${MAX},1\n1.7e308,${MAX},\n`;
    const done = await ingested(atoll, t.member, t.tenant.id, csv, { kind: 'table' });
    expect(done).toMatchObject({ status: 'ready', rowCount: 3 });
    const summary = await call(atoll, 'GET', `/api/v1/datasets/${done.id}/summary`, t.viewer, { tenant: t.tenant.id, status: 200 });
    expect(summary.columns.map((c: { name: string; type: string; mean: number }) => [c.name, c.type, c.mean])).toEqual([
      ['a', 'number', MEAN],
      ['b', 'number', MAX],
      ['c', 'number', 5e199],
    ]);
  });

  it("still refuses user SQL whose own avg overflows double precision, as the query's fault (22003)", async () => {
    const csv = 'value\n1e200\n1\n1.7e308\n';
    const done = await ingested(atoll, t.member, t.tenant.id, csv);
    const problem = await call(atoll, 'POST', '/api/v1/datasets/query', t.viewer, {
      tenant: t.tenant.id,
      body: { sql: `select avg(value) from ${done.name}` },
      status: 400,
      code: 'DATASETS_SQL_DATA_ERROR',
    });
    expect(problem.detail).toBe('value out of range: overflow');
  });
});

describe('a summary query that fails inside the server', async () => {
  const t = await team(atoll, 'lvf');
  // Stored cells that no longer cast to their column's type: the server's data, not the request.
  const broken = await seedTable(atoll, t.tenant.id, { columns: [{ name: 'n', type: 'number' }], rows: [['1'], ['not a number']] });

  it('is a 500 DATASETS_SUMMARY_FAILED, never a 400 blaming the request', async () => {
    const problem = await call(atoll, 'GET', `/api/v1/datasets/${broken.id}/summary`, t.viewer, { tenant: t.tenant.id, status: 500, code: 'DATASETS_SUMMARY_FAILED' });
    expect(problem.detail).not.toContain('not a number');
  });

  it('is logged with its SQLSTATE and Postgres message', async () => {
    const lines: string[] = [];
    const handle = openDatabase(atoll.config.database, createLogger('error'));
    try {
      const logger = createLogger('error', {}, (line) => lines.push(line));
      await expect(summarizeDataset({ db: handle.db, tenantId: t.tenant.id, datasetId: broken.id, logger })).rejects.toMatchObject({ kind: 'internal', code: 'DATASETS_SUMMARY_FAILED' });
    } finally {
      await handle.close();
    }
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({
        level: 'error',
        msg: 'dataset summary query failed',
        datasetId: broken.id,
        sqlState: '22P02',
        error: { name: 'error', message: expect.stringContaining('invalid input syntax for type double precision') },
      }),
    ]);
  });
});
