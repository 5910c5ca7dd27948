import { internalQueryError } from 'atoll/plugin';
import { sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../worker/db/connect';
import { createLogger } from '../../worker/logger';
import { ingested } from '../datasets/testing';
import { analyticsServiceRef } from './refs';
import { bootAnalytics, call, serviceOf, team } from './testing';

vi.setConfig({ testTimeout: 30_000 });
const atoll = await bootAnalytics();

// 1.7e308 / 3 to double precision: 1e200 and 1 vanish in the last bit, but must not overflow the sum.
const MEAN = 5.666666666666667e307;
const CSV = [
  'metric,value,timestamp',
  'big,1e200,2024-01-01T00:00:00Z',
  'big,1,2024-01-01T00:10:00Z',
  'big,1.7e308,2024-01-01T00:20:00Z',
  'huge,1.7e308,2024-01-01T01:00:00Z',
  'huge,1.7e308,2024-01-01T01:30:00Z',
  '',
].join('\n');

describe('time series of values near the double range', async () => {
  const t = await team(atoll, 'alv');
  const done = await ingested(atoll, t.member, t.tenant.id, CSV);
  const range = 'from=2024-01-01T00:00:00Z&to=2024-01-01T02:00:00Z';
  const points = async (metric: string, agg: string) =>
    (await call(atoll, 'GET', `/api/v1/analytics/timeseries?metric=${metric}&${range}&agg=${agg}`, t.viewer, { tenant: t.tenant.id, status: 200 })).points;

  it('answers the finite mean of 1e200, 1 and 1.7e308, and every other aggregate', async () => {
    expect(done).toMatchObject({ status: 'ready', rowCount: 5 });
    expect(await points('big', 'avg')).toEqual([{ t: '2024-01-01T00:00:00.000Z', value: MEAN, count: 3 }]);
    expect(await points('big', 'sum')).toEqual([{ t: '2024-01-01T00:00:00.000Z', value: 1.7e308, count: 3 }]);
    expect((await points('big', 'min'))[0].value).toBe(1);
    expect((await points('big', 'max'))[0].value).toBe(1.7e308);
  });

  it('answers null for a sum beyond the double range, and the mean of the same points', async () => {
    expect(await points('huge', 'sum')).toEqual([{ t: '2024-01-01T01:00:00.000Z', value: null, count: 2 }]);
    expect(await points('huge', 'avg')).toEqual([{ t: '2024-01-01T01:00:00.000Z', value: 1.7e308, count: 2 }]);
  });

  it('draws them in the explorer without a server error', async () => {
    const chart = (agg: string) =>
      call(atoll, 'GET', `/app/analytics/chart?metric=huge&last=custom&from=2024-01-01T00:00&to=2024-01-01T02:00&agg=${agg}`, t.viewer, { tenant: t.tenant.id, status: 200 });
    const avg = await chart('avg');
    expect(avg).toContain('data-value="1.7e+308"');
    expect(avg).not.toContain('NaN');
    const sum = await chart('sum');
    expect(sum).toContain('1 without a value (beyond the double range)');
    expect(sum).not.toContain('NaN');
  });

  it('gives whole-range aggregates the same way (dashboard KPIs)', async () => {
    const handle = openDatabase(atoll.config.database, createLogger('error'));
    try {
      const { getAggregate } = serviceOf(atoll, 'dashboards', analyticsServiceRef);
      const ctx = { db: handle.db, logger: createLogger('error') };
      const selection = { tenantId: t.tenant.id, range: { from: new Date('2024-01-01T00:00:00Z'), to: new Date('2024-01-01T02:00:00Z') } };
      expect(await getAggregate({ ctx, input: { ...selection, metric: 'big', agg: 'avg' } })).toEqual({ value: MEAN, count: 3 });
      expect(await getAggregate({ ctx, input: { ...selection, metric: 'huge', agg: 'sum' } })).toEqual({ value: null, count: 2 });
    } finally {
      await handle.close();
    }
  });
});

describe('a failed analytics query', () => {
  it('is a logged 500 ANALYTICS_QUERY_FAILED, not the 400 the kernel gives a class 22 SQLSTATE', async () => {
    const handle = openDatabase(atoll.config.database, createLogger('error'));
    let failure: unknown;
    try {
      failure = await handle.db.execute(sql`select 1e308::float8 * 10`).catch((error: unknown) => error);
    } finally {
      await handle.close();
    }
    const lines: string[] = [];
    const logger = createLogger('error', {}, (line) => lines.push(line));
    expect(internalQueryError(failure, { code: 'ANALYTICS_QUERY_FAILED', detail: 'The analytics query failed', what: 'time series query', logger })).toMatchObject({
      kind: 'internal',
      code: 'ANALYTICS_QUERY_FAILED',
    });
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({ level: 'error', msg: 'time series query failed', sqlState: '22003', error: { name: 'error', message: 'value out of range: overflow' } }),
    ]);
  });
});
