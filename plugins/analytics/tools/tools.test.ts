import { z } from 'atoll/plugin';
import { describe, expect, it, vi } from 'vitest';
import { runToolDirect, toolOf, userCaller } from '../../chat/tools/testing';
import { ingested, uniqueName } from '../../datasets/testing';
import { bootAnalytics, seedDataset, team } from '../testing';

vi.setConfig({ testTimeout: 60_000 });
const atoll = await bootAnalytics();

// Tenant A: an ingested metric dataset (temp 1, 2, 4, 8 hourly from 2026-03-01T00:00Z) and a seeded
// one (temp 16 at 00:30, and a metric whose name is markup). Tenant B: nothing.
const a = await team(atoll, 'antool-a');
const b = await team(atoll, 'antool-b');
const csv = ['metric,value,timestamp', 'temp,1,2026-03-01T00:00:00Z', 'temp,2,2026-03-01T01:00:00Z', 'temp,4,2026-03-01T02:00:00Z', 'temp,8,2026-03-01T03:00:00Z', ''].join('\n');
const hourly = await ingested(atoll, a.member, a.tenant.id, csv, { kind: 'metric', name: uniqueName('hourly') });
const extraName = uniqueName('extra');
const extra = await seedDataset(
  a.tenant.id,
  [
    ['temp', 16, '2026-03-01T00:30:00Z'],
    ['<b>&"x', 3, '2026-03-01T00:00:00Z'],
  ],
  { name: extraName },
);

const asA = userCaller(a.viewer, a.tenant.id, 'viewer');
const asB = userCaller(b.owner, b.tenant.id, 'owner');
const run = (name: string, input: unknown, caller = asA) => runToolDirect(atoll, name, input, caller);
const RANGE = { from: '2026-03-01T00:00:00Z', to: '2026-03-01T04:00:00Z' };

describe('analytics tools: declared access', () => {
  it('are read-only, for viewers, and need analytics:read from a key', () => {
    for (const name of ['analytics_list_metrics', 'analytics_timeseries', 'analytics_chart']) {
      expect(toolOf(atoll, name), name).toMatchObject({ minRole: 'viewer', scopes: ['analytics:read'] });
      expect(toolOf(atoll, name).writes, name).toBeFalsy();
      expect(z.toJSONSchema(toolOf(atoll, name).input, { io: 'input' }), name).toMatchObject({ type: 'object' });
    }
  });
});

describe('analytics_list_metrics', () => {
  it('lists metrics with counts, time span and datasets; narrows to a dataset by name', async () => {
    const all = await run('analytics_list_metrics', {});
    const temp = all.table?.rows.find((r) => r[0] === 'temp');
    expect(temp).toEqual(['temp', 5, '2026-03-01T00:00:00.000Z', '2026-03-01T03:00:00.000Z', [hourly.id, extra].sort().join(' ')]);
    const one = await run('analytics_list_metrics', { dataset: hourly.name });
    expect(one.table?.rows).toEqual([['temp', 4, '2026-03-01T00:00:00.000Z', '2026-03-01T03:00:00.000Z', hourly.id]]);
    expect(one.text).toContain('metric,points,first,last,dataset_ids');
  });

  it("shows another tenant none of A's metrics, and not A's dataset", async () => {
    expect((await run('analytics_list_metrics', {}, asB)).table?.rows).toEqual([]);
    await expect(run('analytics_list_metrics', { dataset: hourly.id }, asB)).rejects.toMatchObject({ code: 'ANALYTICS_DATASET_NOT_FOUND' });
  });
});

describe('analytics_timeseries', () => {
  it('aggregates per bucket as the REST route does, over all datasets or one', async () => {
    const sum = await run('analytics_timeseries', { metric: 'temp', ...RANGE, agg: 'sum' });
    expect(sum.table?.columns).toEqual(['bucket_start', 'sum', 'points']);
    expect(sum.table?.rows).toEqual([
      ['2026-03-01T00:00:00.000Z', 17, 2],
      ['2026-03-01T01:00:00.000Z', 2, 1],
      ['2026-03-01T02:00:00.000Z', 4, 1],
      ['2026-03-01T03:00:00.000Z', 8, 1],
    ]);
    expect(sum.text).toContain('sum of temp per hour: 4 buckets over [2026-03-01T00:00:00.000Z, 2026-03-01T04:00:00.000Z)');
    const one = await run('analytics_timeseries', { metric: 'temp', ...RANGE, agg: 'max', bucket: 'day', dataset: hourly.name.toUpperCase() });
    expect(one.table?.rows).toEqual([['2026-03-01T00:00:00.000Z', 8, 4]]);
  });

  it('refuses a bad range, too many buckets and an unknown dataset with the analytics codes', async () => {
    await expect(run('analytics_timeseries', { metric: 'temp', from: RANGE.to, to: RANGE.from })).rejects.toMatchObject({ code: 'ANALYTICS_INVALID_RANGE' });
    await expect(run('analytics_timeseries', { metric: 'temp', last: '30d', bucket: 'minute' })).rejects.toMatchObject({ code: 'ANALYTICS_TOO_MANY_BUCKETS' });
    await expect(run('analytics_timeseries', { metric: 'temp', dataset: 'no_such' })).rejects.toMatchObject({ code: 'ANALYTICS_DATASET_NOT_FOUND' });
    for (const bad of [{ metric: 'temp', bucket: 'year' }, { metric: 'temp', from: '2026-03-01' }, { metric: 't\u0000' }, { metric: 'temp', dataset: '\ud800' }]) {
      expect(toolOf(atoll, 'analytics_timeseries').input.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it("gives another tenant no points of A's metric and not A's dataset", async () => {
    expect((await run('analytics_timeseries', { metric: 'temp', ...RANGE }, asB)).table?.rows).toEqual([]);
    await expect(run('analytics_timeseries', { metric: 'temp', ...RANGE, dataset: extraName }, asB)).rejects.toMatchObject({ code: 'ANALYTICS_DATASET_NOT_FOUND' });
  });
});

describe('analytics_chart', () => {
  it('draws a line chart with the analytics components and describes it in text', async () => {
    const result = await run('analytics_chart', { metric: 'temp', ...RANGE, dataset: hourly.id });
    expect(result.svg).toMatch(/^<svg class="chart chart-line"/);
    expect(result.svg?.match(/<circle class="chart-point"/g)).toHaveLength(4);
    expect(result.text).toBe(
      'avg of temp per hour over [2026-03-01T00:00:00.000Z, 2026-03-01T04:00:00.000Z): 4 buckets; min 1 at 2026-03-01 00:00 UTC, max 8 at 2026-03-01 03:00 UTC, first 1 at 2026-03-01 00:00 UTC, last 8 at 2026-03-01 03:00 UTC.',
    );
  });

  it('draws bars, escapes labels taken from the data, and bounds the buckets per type', async () => {
    const bars = await run('analytics_chart', { metric: '<b>&"x', ...RANGE, type: 'bar' });
    expect(bars.svg?.match(/<rect class="chart-bar"/g)).toHaveLength(1);
    expect(bars.svg).toContain('&lt;b&gt;&amp;');
    expect(bars.svg).not.toContain('<b>');
    await expect(run('analytics_chart', { metric: 'temp', last: '7d', bucket: 'hour', type: 'bar' })).rejects.toMatchObject({ code: 'ANALYTICS_TOO_MANY_BUCKETS' });
    await expect(run('analytics_chart', { metric: 'temp', last: '30d', bucket: 'hour' })).rejects.toMatchObject({ code: 'ANALYTICS_TOO_MANY_BUCKETS' });
  });

  it("draws an empty chart for another tenant asking for A's metric", async () => {
    const result = await run('analytics_chart', { metric: 'temp', ...RANGE }, asB);
    expect(result.svg).toContain('No data in this range');
    expect(result.text).toContain('no data in this range');
  });
});
