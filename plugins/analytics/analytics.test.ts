import { describe, expect, it, vi } from 'vitest';
import { apiKeyOf, seedUser } from '../../test/worker/seed';
import { bootAnalytics, call, ownerWithTenant, seedDataset, team } from './testing';

vi.setConfig({ testTimeout: 30_000 });
const atoll = await bootAnalytics();
const A = '/api/v1/analytics';

/**
 * Hand-picked points crossing minute, hour, day, ISO-week (Monday 2026-03-02) and month edges.
 * Counted: temp 1, 2, 4, 8, 16, 32, 64 in dataset one and 128 in dataset two. Never counted: the
 * `other` metric, a dataset still ingesting (256) and another tenant (512).
 */
async function seeded() {
  const t = await team(atoll, 'an');
  const one = await seedDataset(
    t.tenant.id,
    [
      ['temp', 1, '2026-02-28T23:59:30Z'],
      ['temp', 2, '2026-03-01T00:00:00Z'],
      ['temp', 4, '2026-03-01T00:00:59Z'],
      ['temp', 8, '2026-03-01T00:01:00Z'],
      ['temp', 16, '2026-03-01T23:59:59.999Z'],
      ['temp', 32, '2026-03-02T00:00:00Z'],
      ['temp', 64, '2026-03-02T10:30:00Z'],
      ['other', 1000, '2026-03-01T00:00:10Z'],
    ],
    { ingestedAt: new Date('2026-03-05T00:00:00Z') },
  );
  const two = await seedDataset(t.tenant.id, [['temp', 128, '2026-03-01T00:00:30Z']], { ingestedAt: new Date('2026-03-06T00:00:00Z') });
  const ingesting = await seedDataset(t.tenant.id, [['temp', 256, '2026-03-01T00:00:20Z']], { status: 'ingesting' });
  const stranger = await ownerWithTenant(atoll, 'an-other');
  const foreign = await seedDataset(stranger.tenant.id, [['temp', 512, '2026-03-01T00:00:40Z']]);
  return { ...t, one, two, ingesting, foreign, stranger };
}
const s = await seeded();

type Point = { t: string; value: number; count: number };
async function series(query: string, who = s.viewer, tenant = s.tenant.id): Promise<{ points: Point[] } & Record<string, unknown>> {
  return call(atoll, 'GET', `${A}/timeseries?${query}`, who, { tenant, status: 200 });
}
const WIDE = 'metric=temp&from=2026-02-28T00:00:00Z&to=2026-03-03T00:00:00Z';
/** [bucket start, value, count] per point, for compact exact comparisons. */
const compact = (points: Point[]) => points.map((p) => [p.t, p.value, p.count]);

describe('GET /analytics/timeseries: aggregates per bucket, against hand-computed values', () => {
  it('minute buckets, every aggregate', async () => {
    const sum = await series(`${WIDE}&bucket=minute&agg=sum`);
    expect(compact(sum.points)).toEqual([
      ['2026-02-28T23:59:00.000Z', 1, 1],
      ['2026-03-01T00:00:00.000Z', 134, 3],
      ['2026-03-01T00:01:00.000Z', 8, 1],
      ['2026-03-01T23:59:00.000Z', 16, 1],
      ['2026-03-02T00:00:00.000Z', 32, 1],
      ['2026-03-02T10:30:00.000Z', 64, 1],
    ]);
    const at = async (agg: string) => (await series(`${WIDE}&bucket=minute&agg=${agg}`)).points[1]!.value;
    expect(await at('avg')).toBeCloseTo(134 / 3, 10);
    expect(await at('min')).toBe(2);
    expect(await at('max')).toBe(128);
    expect(await at('count')).toBe(3);
  });

  it('hour buckets (avg is the default aggregate, hour the default bucket)', async () => {
    const avg = await series(WIDE);
    expect(avg).toMatchObject({ metric: 'temp', bucket: 'hour', agg: 'avg', fill: 'none', from: '2026-02-28T00:00:00.000Z', to: '2026-03-03T00:00:00.000Z' });
    expect(compact(avg.points)).toEqual([
      ['2026-02-28T23:00:00.000Z', 1, 1],
      ['2026-03-01T00:00:00.000Z', 35.5, 4],
      ['2026-03-01T23:00:00.000Z', 16, 1],
      ['2026-03-02T00:00:00.000Z', 32, 1],
      ['2026-03-02T10:00:00.000Z', 64, 1],
    ]);
  });

  it('day, week (Monday) and month buckets', async () => {
    const values = async (bucket: string, agg: string) => compact((await series(`${WIDE}&bucket=${bucket}&agg=${agg}`)).points);
    expect(await values('day', 'sum')).toEqual([
      ['2026-02-28T00:00:00.000Z', 1, 1],
      ['2026-03-01T00:00:00.000Z', 158, 5],
      ['2026-03-02T00:00:00.000Z', 96, 2],
    ]);
    expect(await values('day', 'avg')).toEqual([
      ['2026-02-28T00:00:00.000Z', 1, 1],
      ['2026-03-01T00:00:00.000Z', 31.6, 5],
      ['2026-03-02T00:00:00.000Z', 48, 2],
    ]);
    expect(await values('week', 'sum')).toEqual([
      ['2026-02-23T00:00:00.000Z', 159, 6],
      ['2026-03-02T00:00:00.000Z', 96, 2],
    ]);
    expect(await values('week', 'avg')).toEqual([
      ['2026-02-23T00:00:00.000Z', 26.5, 6],
      ['2026-03-02T00:00:00.000Z', 48, 2],
    ]);
    expect(await values('week', 'min')).toEqual([
      ['2026-02-23T00:00:00.000Z', 1, 6],
      ['2026-03-02T00:00:00.000Z', 32, 2],
    ]);
    expect(await values('month', 'max')).toEqual([
      ['2026-02-01T00:00:00.000Z', 1, 1],
      ['2026-03-01T00:00:00.000Z', 128, 7],
    ]);
    expect(await values('month', 'count')).toEqual([
      ['2026-02-01T00:00:00.000Z', 1, 1],
      ['2026-03-01T00:00:00.000Z', 7, 7],
    ]);
    const month = (await series(`${WIDE}&bucket=month&agg=avg`)).points[1]!;
    expect(month.value).toBeCloseTo(254 / 7, 10);
  });

  it('is half-open: `from` is included, `to` excluded; an unaligned `from` still starts its bucket at the boundary', async () => {
    expect(compact((await series('metric=temp&from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z&bucket=day&agg=sum')).points)).toEqual([['2026-03-01T00:00:00.000Z', 158, 5]]);
    expect(compact((await series('metric=temp&from=2026-03-01T00:00:30Z&to=2026-03-01T00:01:00Z&bucket=minute&agg=sum')).points)).toEqual([['2026-03-01T00:00:00.000Z', 132, 2]]);
    expect(compact((await series('metric=temp&from=2026-03-01T01:00:00%2B01:00&to=2026-03-01T00:01:00Z&bucket=minute&agg=count')).points)).toEqual([['2026-03-01T00:00:00.000Z', 3, 3]]);
  });

  it('zero-fills empty buckets on request', async () => {
    const filled = await series('metric=temp&from=2026-03-01T00:00:00Z&to=2026-03-01T04:00:00Z&agg=sum&fill=zero');
    expect(compact(filled.points)).toEqual([
      ['2026-03-01T00:00:00.000Z', 142, 4],
      ['2026-03-01T01:00:00.000Z', 0, 0],
      ['2026-03-01T02:00:00.000Z', 0, 0],
      ['2026-03-01T03:00:00.000Z', 0, 0],
    ]);
    expect((await series('metric=temp&from=2026-03-01T01:00:00Z&to=2026-03-01T04:00:00Z')).points).toEqual([]);
  });

  it('filters by dataset; a dataset not ready yet has no points; another tenant’s dataset is 404', async () => {
    expect(compact((await series(`${WIDE}&bucket=day&agg=sum&datasetId=${s.two}`)).points)).toEqual([['2026-03-01T00:00:00.000Z', 128, 1]]);
    expect((await series(`${WIDE}&datasetId=${s.ingesting}`)).points).toEqual([]);
    await call(atoll, 'GET', `${A}/timeseries?${WIDE}&datasetId=${s.foreign}`, s.viewer, { tenant: s.tenant.id, status: 404, code: 'ANALYTICS_DATASET_NOT_FOUND' });
    await call(atoll, 'GET', `${A}/metrics?datasetId=${s.foreign}`, s.viewer, { tenant: s.tenant.id, status: 404, code: 'ANALYTICS_DATASET_NOT_FOUND' });
    expect(compact((await series(`${WIDE}&bucket=month&agg=sum`, s.stranger.owner, s.stranger.tenant.id)).points)).toEqual([['2026-03-01T00:00:00.000Z', 512, 1]]);
  });

  it('keeps showing a dataset being re-ingested (its previous complete run) until the new run replaces it', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll, 'an-re');
    await seedDataset(tenant.id, [['temp', 3, '2026-03-01T00:00:00Z']], { status: 'ingesting', ingestedAt: new Date('2026-03-05T00:00:00Z') });
    await seedDataset(tenant.id, [['temp', 5, '2026-03-01T00:00:00Z']], { status: 'queued' });
    expect(compact((await series(`${WIDE}&bucket=day&agg=sum`, owner, tenant.id)).points)).toEqual([['2026-03-01T00:00:00.000Z', 3, 1]]);
    const summary = await call(atoll, 'GET', `${A}/summary`, owner, { tenant: tenant.id, status: 200 });
    expect(summary).toMatchObject({ rows: { metricPoints: 1 }, metrics: 1, datasets: { total: 2, byStatus: { ingesting: 1, queued: 1, ready: 0 } } });
  });

  it('defaults to the last 24 hours', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll, 'an-now');
    const ago = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();
    await seedDataset(tenant.id, [
      ['live', 5, ago(1)],
      ['live', 7, ago(23)],
      ['live', 100, ago(25)],
    ]);
    const body = await series('metric=live&bucket=day&agg=sum', owner, tenant.id);
    expect(Date.parse(body.to as string) - Date.parse(body.from as string)).toBe(86_400_000);
    expect(body.points.reduce((n, p) => n + p.value, 0)).toBe(12);
  });

  it('refuses bad parameters with 400 naming them', async () => {
    const bad = async (query: string, path: string, code = 'KERNEL_VALIDATION') => {
      const body = await call(atoll, 'GET', `${A}/timeseries?${query}`, s.viewer, { tenant: s.tenant.id, status: 400, code });
      expect(
        body.errors.map((e: { path: string }) => e.path),
        JSON.stringify(body),
      ).toContain(path);
    };
    await bad('bucket=hour', 'metric');
    await bad('metric=temp&bucket=year', 'bucket');
    await bad('metric=temp&agg=median', 'agg');
    await bad('metric=temp&from=yesterday', 'from');
    await bad('metric=temp&to=2026-13-01T00:00:00Z', 'to');
    await bad('metric=temp&fill=linear', 'fill');
    await bad('metric=temp&datasetId=42', 'datasetId');
    await bad(`metric=${'x'.repeat(201)}`, 'metric');
    await bad('metric=temp&from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z', 'to', 'ANALYTICS_INVALID_RANGE');
    await bad('metric=temp&from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z&bucket=minute', 'bucket', 'ANALYTICS_TOO_MANY_BUCKETS');
  });

  it('answers ranges at the edges of the calendar (year 0, year 9999) without a server error', async () => {
    expect((await series('metric=temp&from=0000-06-01T00:00:00Z&to=0001-02-01T00:00:00Z&bucket=month&fill=zero')).points).toHaveLength(8);
    expect((await series('metric=temp&from=9999-06-01T00:00:00Z&to=9999-12-31T23:00:00-05:00&bucket=month')).points).toEqual([]);
  });
});

describe('GET /analytics/metrics and /analytics/summary', () => {
  it('lists the metrics of ready datasets with counts and time span', async () => {
    const all = await call(atoll, 'GET', `${A}/metrics`, s.viewer, { tenant: s.tenant.id, status: 200 });
    expect(all).toEqual({
      truncated: false,
      items: [
        { metric: 'other', count: 1, from: '2026-03-01T00:00:10.000Z', to: '2026-03-01T00:00:10.000Z', datasetIds: [s.one] },
        { metric: 'temp', count: 8, from: '2026-02-28T23:59:30.000Z', to: '2026-03-02T10:30:00.000Z', datasetIds: [s.one, s.two].sort() },
      ],
    });
    const one = await call(atoll, 'GET', `${A}/metrics?datasetId=${s.two}`, s.viewer, { tenant: s.tenant.id, status: 200 });
    expect(one.items).toEqual([{ metric: 'temp', count: 1, from: '2026-03-01T00:00:30.000Z', to: '2026-03-01T00:00:30.000Z', datasetIds: [s.two] }]);
    await call(atoll, 'GET', `${A}/metrics?datasetId=nope`, s.viewer, { tenant: s.tenant.id, status: 400 });
  });

  it('sums up the tenant', async () => {
    const summary = await call(atoll, 'GET', `${A}/summary`, s.viewer, { tenant: s.tenant.id, status: 200 });
    expect(summary).toEqual({
      datasets: { total: 3, byStatus: { created: 0, queued: 0, ingesting: 1, ready: 2, error: 0 }, byKind: { metric: 3, table: 0 } },
      rows: { metricPoints: 9, tableRows: 0 },
      metrics: 2,
      lastIngestedAt: '2026-03-06T00:00:00.000Z',
    });
    const empty = await ownerWithTenant(atoll, 'an-empty');
    expect(await call(atoll, 'GET', `${A}/summary`, empty.owner, { tenant: empty.tenant.id, status: 200 })).toMatchObject({ datasets: { total: 0 }, metrics: 0, lastIngestedAt: null });
  });
});

describe('security set for every analytics route', async () => {
  const stranger = await seedUser(atoll);
  for (const path of [`${A}/metrics`, `${A}/timeseries?metric=temp`, `${A}/summary`]) {
    it(`GET ${path}`, async () => {
      await call(atoll, 'GET', path, null, { tenant: s.tenant.id, status: 401 });
      await call(atoll, 'GET', path, stranger, { tenant: s.tenant.id, status: 404, code: 'KERNEL_TENANT_NOT_FOUND' });
      await call(atoll, 'GET', path, s.viewer, { tenant: s.tenant.id, status: 200 });
      const key = (scopes: string[]) => apiKeyOf(atoll, { tenantId: s.tenant.id, scopes, createdBy: s.owner.userId });
      await call(atoll, 'GET', path, (await key(['analytics:read'])).secret, { status: 200 });
      await call(atoll, 'GET', path, (await key(['datasets:read'])).secret, { status: 403 });
    });
  }
});
