// Round trips to Postgres of the dashboards' requests, counted at the unit of work (as
// test/worker/request-statements.test.ts counts the jobs routes). Panels read metrics through the
// analytics and datasets services: going through them must cost no extra round trip.
import { describe, expect, it, vi } from 'vitest';
import { observeStatements } from '../../worker/db/unit-of-work';
import { bootDashboards, call, newDashboard, seedDataset, team } from './testing';

vi.setConfig({ testTimeout: 30_000 });
const atoll = await bootDashboards();

async function tripsOf(fn: () => Promise<unknown>): Promise<string[]> {
  await fn(); // warm: boot work and first-use caches are not the request path
  const trips: string[] = [];
  const stop = observeStatements((text) => trips.push(text));
  try {
    await fn();
  } finally {
    stop();
  }
  return trips;
}

describe('dashboards round trips', async () => {
  const t = await team(atoll, 'dtrips');
  const datasetId = await seedDataset(t.tenant.id, [
    ['temp', 2, '2026-03-01T00:10:00Z'],
    ['temp', 9, '2026-03-01T02:00:00Z'],
  ]);
  const range = { from: '2026-03-01T00:00:00Z', to: '2026-03-01T03:00:00Z' };
  const d = await newDashboard(atoll, t.member, t.tenant.id, {
    panels: [
      { type: 'kpi', title: 'k', query: { metric: 'temp', agg: 'sum', range, datasetId } },
      { type: 'timeseries', title: 's', query: { metric: 'temp', agg: 'avg', bucket: 'hour', range } },
    ],
  });
  const data = (i: number) => () => call(atoll, 'GET', `/api/v1/dashboards/${d.id}/panels/${d.panels[i].id}/data`, t.viewer, { tenant: t.tenant.id, status: 200 });

  const budget = async (label: string, max: number, fn: () => Promise<unknown>) => {
    const trips = await tripsOf(fn);
    expect(trips.length, `${label} sent:\n${trips.join('\n')}`).toBeLessThanOrEqual(max);
    // The metric reads run inside the request's tenant-bound transaction (row-level security).
    expect(trips.filter((s) => s.includes('datasets_metric_points')).length, label).toBeGreaterThan(0);
    expect(trips.findIndex((s) => s.includes("set_config('atoll.tenant_id'"))).toBeLessThan(trips.findIndex((s) => s.includes('datasets_metric_points')));
  };

  // Auth and tenant (3), then per metric query: the dataset check when the panel names one, the
  // float-text pin and the query; a KPI also reads the previous period.
  it('panel data: a KPI over one dataset at most 10, a series at most 6', async () => {
    await budget('KPI data', 10, data(0));
    await budget('series data', 6, data(1));
  });

  it('the dashboard page with two panels and the panel form: at most 15', async () => {
    await budget('page', 15, () => call(atoll, 'GET', `/app/dashboards/${d.id}`, t.member, { tenant: t.tenant.id, status: 200 }));
  });
});
