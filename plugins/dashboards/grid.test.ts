import { describe, expect, it, vi } from 'vitest';
import { htmlOf as html, pageClient } from '../../test/worker/pages';
import { hasOverlap } from './services/layout';
import { bootDashboards, call, newDashboard, seedDataset, team, timeseriesPanel } from './testing';

vi.setConfig({ testTimeout: 30_000 });
const atoll = await bootDashboards();
const page = pageClient(atoll);
const D = '/api/v1/dashboards';

type Placed = { id: string; position: { x: number; y: number; w: number; h: number } };
const at = (x: number, y: number, w: number, h: number) => ({ position: { x, y, w, h } });
const note = (title: string, place?: ReturnType<typeof at>) => ({ type: 'text', title, text: title, ...place });
const placeOf = (panels: Placed[], id: string) => panels.find((p) => p.id === id)!.position;

describe('the grid through the API: panels never overlap', () => {
  it('packs overlapping panels on create, add, replace and patch, and lists them without overlaps', async () => {
    const { member, tenant } = await team(atoll, 'gapi');
    const d = await newDashboard(atoll, member, tenant.id, { panels: [note('a', at(0, 0, 6, 4)), note('b', at(0, 0, 6, 4)), note('c', at(3, 2, 6, 2))] });
    expect(hasOverlap(d.panels), JSON.stringify(d.panels)).toBe(false);
    expect(d.panels.map((p: Placed) => [p.id === d.panels[0].id, p.position])).toEqual([
      [true, { x: 0, y: 0, w: 6, h: 4 }],
      [false, { x: 0, y: 4, w: 6, h: 4 }],
      [false, { x: 3, y: 8, w: 6, h: 2 }],
    ]);
    const P = `${D}/${d.id}/panels`;
    // Onto the first panel: the new one takes its place and the others move down.
    const onTop = await call(atoll, 'POST', P, member, { tenant: tenant.id, body: note('d', at(0, 0, 12, 1)), status: 201 });
    expect(onTop.position).toEqual({ x: 0, y: 0, w: 12, h: 1 });
    // Without a position: the first free slot, not 0,0.
    const free = await call(atoll, 'POST', P, member, { tenant: tenant.id, body: { type: 'kpi', title: 'k', query: { sql: 'select 1' } }, status: 201 });
    expect(free.position).toEqual({ x: 6, y: 1, w: 3, h: 2 });
    await call(atoll, 'PUT', `${P}/${free.id}`, member, { tenant: tenant.id, body: { ...timeseriesPanel(), ...at(0, 1, 12, 4) }, status: 200 });
    await call(atoll, 'PATCH', `${D}/${d.id}`, member, { tenant: tenant.id, body: { name: 'still packed' }, status: 200 });
    const listed = await call(atoll, 'GET', `${D}/${d.id}`, member, { tenant: tenant.id, status: 200 });
    expect(listed.panels).toHaveLength(5);
    expect(hasOverlap(listed.panels), JSON.stringify(listed.panels)).toBe(false);
    expect(placeOf(listed.panels, free.id)).toEqual({ x: 0, y: 1, w: 12, h: 4 });
    // Reading order is the grid's order: top to bottom, left to right.
    const order = listed.panels.map((p: Placed) => p.position.y * 12 + p.position.x);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    const patched = await call(atoll, 'PATCH', `${D}/${d.id}`, member, { tenant: tenant.id, body: { panels: [note('x', at(2, 5, 4, 4)), note('y', at(0, 6, 12, 2)), note('z')] }, status: 200 });
    expect(patched.panels.map((p: Placed) => p.position)).toEqual([
      { x: 2, y: 0, w: 4, h: 4 },
      { x: 6, y: 0, w: 4, h: 2 },
      { x: 0, y: 4, w: 12, h: 2 },
    ]);
  });

  it('refuses a bad position naming the field, a full grid (409), viewers (403) and other tenants (404)', async () => {
    const { member, viewer, tenant } = await team(atoll, 'gbad');
    const other = await team(atoll, 'gbad2');
    const d = await newDashboard(atoll, member, tenant.id, { panels: [note('a')] });
    const P = `${D}/${d.id}/panels`;
    const bad = await call(atoll, 'PUT', `${P}/${d.panels[0].id}`, member, { tenant: tenant.id, body: note('a', at(10, 0, 6, 2)), status: 400 });
    expect(bad.errors.map((e: { path: string }) => e.path)).toContain('position.w');
    const full = await newDashboard(atoll, member, tenant.id, { panels: Array.from({ length: 9 }, (_, i) => note(`t${i}`, at(0, 0, 12, 12))) });
    await call(atoll, 'POST', `${D}/${full.id}/panels`, member, { tenant: tenant.id, body: note('more', at(0, 0, 12, 12)), status: 409, code: 'DASHBOARDS_GRID_FULL' });
    await call(atoll, 'PUT', `${P}/${d.panels[0].id}`, viewer, { tenant: tenant.id, body: note('a', at(0, 0, 6, 2)), status: 403 });
    await call(atoll, 'PUT', `${P}/${d.panels[0].id}`, other.member, { tenant: other.tenant.id, body: note('a', at(0, 0, 6, 2)), status: 404, code: 'DASHBOARDS_NOT_FOUND' });
  });
});

describe('the grid on the page', () => {
  it('moves, resizes and places panels by form, with a notice each time', async () => {
    const { member, viewer, tenant } = await team(atoll, 'gpage');
    const d = await newDashboard(atoll, member, tenant.id, { panels: [note('a', at(0, 0, 6, 4)), note('b', at(0, 4, 6, 4))] });
    const [a, b] = d.panels as Placed[];
    const base = `/app/dashboards/${d.id}/panels`;
    const posted = async (path: string, form: Record<string, string>, notice: string) => {
      const res = await page(member, tenant.id, path, form);
      expect(res.status, await res.clone().text()).toBe(303);
      expect(res.headers.get('set-cookie')).toContain(`atoll_notice=${notice}`);
      return (await call(atoll, 'GET', `${D}/${d.id}`, member, { tenant: tenant.id, status: 200 })).panels as Placed[];
    };
    expect(placeOf(await posted(`${base}/${b!.id}/move`, { direction: 'up' }, 'panel-moved'), b!.id)).toEqual({ x: 0, y: 0, w: 6, h: 4 });
    expect(placeOf(await posted(`${base}/${b!.id}/move`, { direction: 'wider' }, 'panel-resized'), b!.id)).toEqual({ x: 0, y: 0, w: 7, h: 4 });
    await posted(`${base}/${b!.id}/move`, { direction: 'up' }, 'panel-not-moved');
    const placed = await posted(`${base}/${a!.id}/place`, { x: '2', y: '0', w: '4', h: '2' }, 'panel-resized');
    expect(placed.map((p) => [p.id, p.position])).toEqual([
      [a!.id, { x: 2, y: 0, w: 4, h: 2 }],
      [b!.id, { x: 0, y: 2, w: 7, h: 4 }],
    ]);
    const wrong = await html(await page(member, tenant.id, `${base}/${a!.id}/place`, { x: '9', y: '0', w: '6', h: '2' }, true), 400);
    expect(wrong).toContain('data-field="w"');
    await html(await page(member, tenant.id, `${base}/${a!.id}/move`, { direction: 'sideways' }, true), 400);
    await html(await page(viewer, tenant.id, `${base}/${a!.id}/place`, { x: '0', y: '0', w: '4', h: '2' }, true), 403);
    const view = await html(await page(member, tenant.id, `/app/dashboards/${d.id}`));
    expect(view).toContain(`data-place="${base}/${a!.id}/place" data-x="2" data-y="0" data-w="4" data-h="2"`);
    expect(view).toContain('<script src="/static/dashboard-grid.js" defer=""></script>');
    expect(view).toContain(`aria-label="Make b wider"`);
  });

  it('leaves a notice after renaming and adding, editing and removing a panel', async () => {
    const { member, tenant } = await team(atoll, 'gnote');
    const d = await newDashboard(atoll, member, tenant.id);
    const notice = async (path: string, form: Record<string, string>) => {
      const res = await page(member, tenant.id, path, form);
      expect(res.status, await res.clone().text()).toBe(303);
      return /atoll_notice=([a-z-]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
    };
    expect(await notice(`/app/dashboards/${d.id}`, { name: 'Renamed' })).toBe('dashboard-renamed');
    expect(await notice(`/app/dashboards/${d.id}/panels`, { type: 'text', title: 'n', text: 'x' })).toBe('panel-added');
    const [panel] = (await call(atoll, 'GET', `${D}/${d.id}`, member, { tenant: tenant.id, status: 200 })).panels;
    expect(panel.position).toEqual({ x: 0, y: 0, w: 4, h: 2 });
    expect(await notice(`/app/dashboards/${d.id}/panels/${panel.id}`, { type: 'text', title: 'n2', text: 'y' })).toBe('panel-saved');
    expect(await notice(`/app/dashboards/${d.id}/panels/${panel.id}/delete`, {})).toBe('panel-removed');
  });

  it("offers the tenant's metrics in a list and previews a panel without saving it", async () => {
    const { member, viewer, tenant } = await team(atoll, 'gprev');
    await seedDataset(tenant.id, [
      ['visits', 19_997, new Date(Date.now() - 3_600_000).toISOString()],
      ['errors', 3, new Date().toISOString()],
    ]);
    const d = await newDashboard(atoll, member, tenant.id);
    const view = await html(await page(member, tenant.id, `/app/dashboards/${d.id}`));
    expect(view).toMatch(
      /<select id="new-panel-metric" name="metric"><option value="">Choose a metric<\/option><option value="errors">errors<\/option><option value="visits">visits<\/option><\/select>/,
    );
    expect(view).toContain(`hx-post="/app/dashboards/${d.id}/panels/preview"`);
    const preview = await html(
      await page(member, tenant.id, `/app/dashboards/${d.id}/panels/preview`, { type: 'kpi', title: 'Visits', source: 'metric', metric: 'visits', agg: 'sum', last: '24h' }, true),
    );
    expect(preview).toContain('<span class="kpi-value" title="19,997">19,997</span>');
    const missing = await html(await page(member, tenant.id, `/app/dashboards/${d.id}/panels/preview`, { type: 'kpi', title: '', source: 'metric', metric: '' }, true));
    expect(missing).toContain('choose a metric');
    expect((await call(atoll, 'GET', `${D}/${d.id}`, member, { tenant: tenant.id, status: 200 })).panels).toEqual([]);
    await html(await page(viewer, tenant.id, `/app/dashboards/${d.id}/panels/preview`, { type: 'text', title: 't', text: 'x' }, true), 403);
    const other = await team(atoll, 'gprev2');
    await html(await page(other.member, other.tenant.id, `/app/dashboards/${d.id}/panels/preview`, { type: 'text', title: 't', text: 'x' }, true), 404);
  });
});
