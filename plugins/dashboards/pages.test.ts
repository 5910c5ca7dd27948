import { describe, expect, it, vi } from 'vitest';
import { bootApp, send } from '../../test/worker/harness';
import { authTestEnv } from '../../test/worker/identity';
import { htmlOf as html, pageClient } from '../../test/worker/pages';
import { analyticsPlugin } from '../analytics';
import { authPlugin } from '../auth';
import { datasetsPlugin } from '../datasets';
import { withQuerySlotsTaken } from '../datasets/testing';
import { tenantsPlugin } from '../tenants';
import { dashboardsPlugin } from '.';
import { bootDashboards, call, newDashboard, seedDataset, team, timeseriesPanel } from './testing';

vi.setConfig({ testTimeout: 30_000 });
const atoll = await bootDashboards();
const page = pageClient(atoll);

const hourAgo = () => new Date(Date.now() - 3_600_000).toISOString();

describe('dashboard pages', () => {
  it('sends signed-out browsers to the login page', async () => {
    const res = await send(atoll, '/app/dashboards');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/app/login?next=%2Fapp%2Fdashboards');
  });

  it('creates a dashboard from the form, lists it and shows its panels as SVG with a live refresh', async () => {
    const { member, tenant } = await team(atoll, 'pg');
    await seedDataset(tenant.id, [
      ['temp', 3, hourAgo()],
      ['temp', 5, new Date().toISOString()],
    ]);
    const list = await html(await page(member, tenant.id, '/app/dashboards'));
    expect(list).toContain('href="/app/dashboards"');
    expect(list).toContain('id="create-dashboard"');
    const res = await page(member, tenant.id, '/app/dashboards', { name: 'From the form', description: 'made here' });
    expect(res.status, await res.clone().text()).toBe(303);
    const id = res.headers.get('location')!.split('/').at(-1)!;
    expect(await html(await page(member, tenant.id, '/app/dashboards'))).toContain(`<a href="/app/dashboards/${id}">From the form</a>`);

    const added = await page(member, tenant.id, `/app/dashboards/${id}/panels`, {
      type: 'timeseries',
      title: 'Temperature',
      source: 'metric',
      metric: 'temp',
      agg: 'max',
      bucket: 'hour',
      last: '24h',
      datasetId: '',
      sql: '',
      text: '',
      x: '',
      y: '',
      w: '',
      h: '',
    });
    expect(added.status, await added.clone().text()).toBe(303);
    await page(member, tenant.id, `/app/dashboards/${id}/panels`, { type: 'text', title: 'Read me', text: '<script>x</script>' });
    const view = await html(await page(member, tenant.id, `/app/dashboards/${id}`));
    expect(view).toContain('<h2 id="dashboard-title">From the form</h2>');
    expect(view).toContain('data-realtime-topics="datasets"');
    expect(view).toContain('<link rel="stylesheet" href="/static/charts.css"/>');
    expect(view).toMatch(/<svg class="chart chart-line"[^>]*role="img" aria-label="Temperature: max of temp per hour: \d points?/);
    expect(view).toContain('<circle class="chart-point"');
    expect(view).toContain('hx-trigger="realtime:dataset.ready from:body, realtime:dataset.deleted from:body"');
    expect(view).toContain('class="dashboard-panel panel-timeseries gx-0 gw-6 gy-0 gh-4"');
    expect(view).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(view).not.toContain('<script>x</script>');

    const dashboard = await call(atoll, 'GET', `/api/v1/dashboards/${id}`, member, { tenant: tenant.id, status: 200 });
    const [chart, note] = dashboard.panels;
    const partial = await html(await page(member, tenant.id, `/app/dashboards/${id}/panels/${chart.id}`, undefined, true));
    expect(partial).toMatch(/^<svg class="chart chart-line"/);
    expect(await html(await page(member, tenant.id, `/app/dashboards/${id}/panels/${chart.id}/edit`))).toContain('value="Temperature"');

    expect((await page(member, tenant.id, `/app/dashboards/${id}/panels/${note.id}/move`, { direction: 'left' })).status).toBe(303);
    expect((await call(atoll, 'GET', `/api/v1/dashboards/${id}`, member, { tenant: tenant.id, status: 200 })).panels.map((p: { id: string }) => p.id)).toEqual([note.id, chart.id]);
    const edited = await page(member, tenant.id, `/app/dashboards/${id}/panels/${chart.id}`, { type: 'bar', title: 'Bars', source: 'metric', metric: 'temp', agg: 'sum', bucket: 'day', last: '7d' });
    expect(edited.status, await edited.clone().text()).toBe(303);
    expect(await html(await page(member, tenant.id, `/app/dashboards/${id}`))).toContain('<svg class="chart chart-bar"');
    const bad = await html(await page(member, tenant.id, `/app/dashboards/${id}/panels`, { type: 'timeseries', title: '', metric: '' }, true), 400);
    expect(bad).toContain('<li data-field="title"><span class="field-label">Title</span>: ');
    expect((await page(member, tenant.id, `/app/dashboards/${id}/panels/${note.id}/delete`, {})).status).toBe(303);
    const copy = await page(member, tenant.id, `/app/dashboards/${id}/duplicate`, {});
    expect(copy.status).toBe(303);
    expect(copy.headers.get('location')).not.toBe(`/app/dashboards/${id}`);
  });

  it('shows a failing SQL panel in place and keeps viewers to reading; admins delete', async () => {
    const { owner, viewer, tenant } = await team(atoll, 'pv');
    const d = await newDashboard(atoll, owner, tenant.id, { name: 'Mixed', panels: [{ type: 'table', title: 'Broken', query: { sql: 'select * from no_such_dataset' } }, timeseriesPanel('nothing')] });
    const view = await html(await page(viewer, tenant.id, `/app/dashboards/${d.id}`));
    expect(view).toContain('class="chart-error" role="alert"');
    expect(view).toContain('No data in this range');
    expect(view).not.toContain('id="add-panel-form"');
    expect(view).not.toContain('id="delete-dashboard"');
    await html(await page(viewer, tenant.id, `/app/dashboards/${d.id}/panels`, { type: 'text', title: 't', text: 'x' }, true), 403);
    await html(await page(viewer, tenant.id, `/app/dashboards/${d.id}/delete`, {}, true), 403);
    expect((await page(owner, tenant.id, `/app/dashboards/${d.id}/delete`, {})).status).toBe(303);
    await html(await page(owner, tenant.id, `/app/dashboards/${d.id}`), 404);
    await html(await page(owner, tenant.id, '/app/dashboards/not-a-uuid'), 404);
  });

  it("asks again shortly for a SQL panel while the tenant's SQL query slots are all taken", async () => {
    const { owner, tenant } = await team(atoll, 'ps');
    const d = await newDashboard(atoll, owner, tenant.id, { panels: [{ type: 'table', title: 'Busy', query: { sql: 'select 1 as one' } }] });
    const path = `/app/dashboards/${d.id}/panels/${d.panels[0].id}`;
    const busy = await withQuerySlotsTaken(atoll, tenant.id, 4, async () => html(await page(owner, tenant.id, path, undefined, true)));
    expect(busy).toContain(`hx-get="${path}" hx-trigger="load delay:1s" hx-swap="outerHTML"`);
    expect(busy).toContain('Waiting for a free SQL query slot');
    expect(await html(await page(owner, tenant.id, path, undefined, true))).toContain('<td>1</td>');
  });

  it("does not show another tenant's dashboard", async () => {
    const a = await team(atoll, 'pa');
    const b = await team(atoll, 'pb');
    const d = await newDashboard(atoll, a.owner, a.tenant.id, { panels: [timeseriesPanel()] });
    await html(await page(b.owner, b.tenant.id, `/app/dashboards/${d.id}`), 404);
    await html(await page(b.owner, b.tenant.id, `/app/dashboards/${d.id}/panels/${d.panels[0].id}`, undefined, true), 404);
    await html(await page(b.owner, a.tenant.id, `/app/dashboards/${d.id}`), 404);
  });

  it('defers the panels it has no time left for to their own requests (DASHBOARDS_PANEL_BUDGET_MS)', async () => {
    const hurried = await bootApp([authPlugin(), tenantsPlugin(), datasetsPlugin(), analyticsPlugin(), dashboardsPlugin()], { ...(await authTestEnv()), DASHBOARDS_PANEL_BUDGET_MS: '0' });
    const { owner, tenant } = await team(hurried, 'pb');
    await seedDataset(tenant.id, [['temp', 3, hourAgo()]]);
    const d = await newDashboard(hurried, owner, tenant.id, { name: 'Deferred', panels: [timeseriesPanel('temp')] });
    const res = await send(hurried, `/app/dashboards/${d.id}`, { headers: { authorization: `Bearer ${owner.accessToken}`, 'x-tenant-id': tenant.id } });
    const view = await html(res);
    const panelId = d.panels[0].id;
    expect(view).not.toContain('<svg class="chart chart-line"');
    expect(view).toMatch(new RegExp(`id="panel-body-${panelId}" hx-get="/app/dashboards/${d.id}/panels/${panelId}" hx-trigger="load, realtime:dataset.ready from:body`));
  });
});
