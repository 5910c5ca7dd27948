import { describe, expect, it, vi } from 'vitest';
import { bootDashboards, call, newDashboard, seedDataset, team } from './testing';

vi.setConfig({ testTimeout: 30_000 });
const atoll = await bootDashboards();

const range = { from: '2026-03-01T00:00:00Z', to: '2026-03-01T03:00:00Z' };

/** temp: hour 0 → 2, 4; hour 2 → 9 (a gap at hour 1); the previous 3 hours → 1. */
async function seeded() {
  const t = await team(atoll, 'pd');
  const name = `temps_${crypto.randomUUID().slice(0, 6)}`;
  const datasetId = await seedDataset(
    t.tenant.id,
    [
      ['temp', 1, '2026-02-28T22:00:00Z'],
      ['temp', 2, '2026-03-01T00:10:00Z'],
      ['temp', 4, '2026-03-01T00:50:00Z'],
      ['temp', 9, '2026-03-01T02:00:00Z'],
      ['hum', 50, '2026-03-01T02:00:00Z'],
    ],
    { name },
  );
  return { ...t, name, datasetId };
}
const s = await seeded();

async function dataOf(panel: Record<string, unknown>) {
  const d = await newDashboard(atoll, s.member, s.tenant.id, { panels: [panel] });
  return call(atoll, 'GET', `/api/v1/dashboards/${d.id}/panels/${d.panels[0].id}/data`, s.viewer, { tenant: s.tenant.id, status: 200 });
}

describe('GET /dashboards/{id}/panels/{panelId}/data', () => {
  it('evaluates a timeseries panel through analytics', async () => {
    const data = await dataOf({ type: 'timeseries', title: 't', query: { metric: 'temp', agg: 'sum', bucket: 'hour', range } });
    expect(data).toMatchObject({ type: 'timeseries', kind: 'series', metric: 'temp', agg: 'sum', bucket: 'hour', from: '2026-03-01T00:00:00.000Z', to: '2026-03-01T03:00:00.000Z' });
    expect(data.points).toEqual([
      { t: '2026-03-01T00:00:00.000Z', value: 6, count: 2 },
      { t: '2026-03-01T02:00:00.000Z', value: 9, count: 1 },
    ]);
  });

  it('evaluates a KPI over the whole range with the previous period of the same length', async () => {
    const data = await dataOf({ type: 'kpi', title: 'k', query: { metric: 'temp', agg: 'sum', range } });
    expect(data).toMatchObject({ kind: 'value', value: 15, previous: 1, from: '2026-03-01T00:00:00.000Z', to: '2026-03-01T03:00:00.000Z' });
    const avg = await dataOf({ type: 'kpi', title: 'k', query: { metric: 'temp', agg: 'avg', range, datasetId: s.datasetId } });
    expect(avg.value).toBe(5);
    const none = await dataOf({ type: 'kpi', title: 'k', query: { metric: 'nothing', agg: 'max', range } });
    expect(none).toMatchObject({ value: null, previous: null });
  });

  it('evaluates text panels and relative ranges', async () => {
    expect(await dataOf({ type: 'text', title: 'n', text: 'plain <b>text</b>' })).toEqual({ panelId: expect.any(String), type: 'text', kind: 'text', text: 'plain <b>text</b>' });
    const recent = await dataOf({ type: 'bar', title: 'b', query: { metric: 'temp', range: { last: '1h' } } });
    expect(recent).toMatchObject({ kind: 'series', points: [] });
    expect(Date.parse(recent.to) - Date.parse(recent.from)).toBe(3_600_000);
  });

  it('runs saved SQL through the datasets plugin (rows, bars, KPI) and passes its 400s through', async () => {
    const rows = await dataOf({ type: 'table', title: 't', query: { sql: `select metric, sum(value) as total from ${s.name} group by metric order by metric` } });
    expect(rows).toMatchObject({ kind: 'rows', columns: ['metric', 'total'], truncated: false });
    expect(rows.rows.map((r: unknown[]) => [r[0], Number(r[1])])).toEqual([
      ['hum', 50],
      ['temp', 16],
    ]);
    const kpi = await dataOf({ type: 'kpi', title: 'k', query: { sql: `select count(*) from ${s.name}` } });
    expect(kpi).toMatchObject({ kind: 'value', value: 5, previous: null });
    const d = await newDashboard(atoll, s.member, s.tenant.id, { panels: [{ type: 'table', title: 'bad', query: { sql: 'delete from datasets' } }] });
    await call(atoll, 'GET', `/api/v1/dashboards/${d.id}/panels/${d.panels[0].id}/data`, s.viewer, { tenant: s.tenant.id, status: 400 });
  });

  it("never reads another tenant's data, and 404s for unknown panels", async () => {
    const other = await team(atoll, 'pd-other');
    const d = await newDashboard(atoll, other.member, other.tenant.id, {
      panels: [
        { type: 'kpi', title: 'k', query: { metric: 'temp', agg: 'sum', range } },
        { type: 'table', title: 't', query: { sql: `select count(*) from ${s.name}` } },
      ],
    });
    const data = await call(atoll, 'GET', `/api/v1/dashboards/${d.id}/panels/${d.panels[0].id}/data`, other.viewer, { tenant: other.tenant.id, status: 200 });
    expect(data).toMatchObject({ value: null, previous: null });
    await call(atoll, 'GET', `/api/v1/dashboards/${d.id}/panels/${d.panels[1].id}/data`, other.viewer, { tenant: other.tenant.id, status: 400 });
    await call(atoll, 'GET', `/api/v1/dashboards/${d.id}/panels/${crypto.randomUUID()}/data`, other.viewer, { tenant: other.tenant.id, status: 404, code: 'DASHBOARDS_PANEL_NOT_FOUND' });
  });
});
