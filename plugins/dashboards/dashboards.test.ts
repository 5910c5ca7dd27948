import { describe, expect, it, vi } from 'vitest';
import { request } from '../tenants/testing';
import { bootDashboards, call, newDashboard, ownerWithTenant, team, timeseriesPanel } from './testing';

vi.setConfig({ testTimeout: 30_000 });
const atoll = await bootDashboards();
const D = '/api/v1/dashboards';

describe('dashboards CRUD', () => {
  it('creates a dashboard with panels: ids assigned, missing positions in the first free slots', async () => {
    const { member, viewer, tenant } = await team(atoll, 'dc');
    const made = await newDashboard(atoll, member, tenant.id, {
      name: 'Ops',
      description: 'Operations',
      panels: [
        { type: 'kpi', title: 'Load now', query: { metric: 'load', agg: 'max', range: { last: '1h' } } },
        { ...timeseriesPanel('load'), position: { x: 6, y: 0, w: 6, h: 4 } },
        { type: 'text', title: 'Notes', text: 'Hello <b>team</b>' },
        { type: 'table', title: 'Top', query: { sql: 'select 1' } },
      ],
    });
    expect(made).toMatchObject({ name: 'Ops', description: 'Operations', createdBy: member.userId });
    expect(made.panels.map((p: { type: string }) => p.type)).toEqual(['kpi', 'timeseries', 'text', 'table']);
    expect(new Set(made.panels.map((p: { id: string }) => p.id)).size).toBe(4);
    expect(made.panels.map((p: { position: unknown }) => p.position)).toEqual([
      { x: 0, y: 0, w: 3, h: 2 },
      { x: 6, y: 0, w: 6, h: 4 },
      { x: 0, y: 2, w: 4, h: 2 },
      { x: 0, y: 4, w: 6, h: 4 },
    ]);
    expect(made.panels[0].query).toEqual({ metric: 'load', agg: 'max', bucket: 'hour', range: { last: '1h' } });
    expect(await call(atoll, 'GET', `${D}/${made.id}`, viewer, { tenant: tenant.id, status: 200 })).toEqual(made);
  });

  it('answers 201 with the dashboard’s URL in Location', async () => {
    const { member, tenant } = await team(atoll, 'dloc');
    const { body: made, headers } = await request(atoll, 'POST', D, member, { tenant: tenant.id, body: { name: 'Located' }, status: 201 });
    expect(headers.get('location')).toBe(`${D}/${made.id}`);
    expect(await call(atoll, 'GET', headers.get('location')!, member, { tenant: tenant.id, status: 200 })).toEqual(made);
  });

  it('lists by name with a filter and a cursor', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll, 'dl');
    for (const name of ['delta', 'Alpha', 'charlie', 'bravo']) await newDashboard(atoll, owner, tenant.id, { name, panels: [timeseriesPanel()] });
    const first = await call(atoll, 'GET', `${D}?limit=3`, owner, { tenant: tenant.id, status: 200 });
    expect(first.items.map((d: { name: string }) => d.name)).toEqual(['Alpha', 'bravo', 'charlie']);
    expect(first.items[0].panelCount).toBe(1);
    const second = await call(atoll, 'GET', `${D}?limit=3&cursor=${first.nextCursor}`, owner, { tenant: tenant.id, status: 200 });
    expect(second).toMatchObject({ items: [{ name: 'delta' }], nextCursor: null });
    expect((await call(atoll, 'GET', `${D}?q=RAV`, owner, { tenant: tenant.id, status: 200 })).items.map((d: { name: string }) => d.name)).toEqual(['bravo']);
    await call(atoll, 'GET', `${D}?cursor=bogus!`, owner, { tenant: tenant.id, status: 400, code: 'DASHBOARDS_INVALID_CURSOR' });
    await call(atoll, 'GET', `${D}?limit=101`, owner, { tenant: tenant.id, status: 400 });
    const other = await ownerWithTenant(atoll, 'dl2');
    expect((await call(atoll, 'GET', D, other.owner, { tenant: other.tenant.id, status: 200 })).items).toEqual([]);
  });

  it('pages past names in any script, quotes included, one at a time', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll, 'dn');
    const names = ['Écarts "Q3"', 'İstanbul'.repeat(25), '日本の売上', 'zeta | ops 😀'];
    for (const name of names) await newDashboard(atoll, owner, tenant.id, { name, panels: [] });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { name: string }[]; nextCursor: string | null } = await call(atoll, 'GET', `${D}?limit=1${cursor ? `&cursor=${cursor}` : ''}`, owner, { tenant: tenant.id, status: 200 });
      seen.push(...page.items.map((d) => d.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual([...names].sort());
  });

  it('updates name, description and panels (known ids kept); deletes for admins only', async () => {
    const { owner, member, tenant } = await team(atoll, 'du');
    const d = await newDashboard(atoll, member, tenant.id, { panels: [timeseriesPanel('a'), timeseriesPanel('b')] });
    const [a] = d.panels;
    const renamed = await call(atoll, 'PATCH', `${D}/${d.id}`, member, { tenant: tenant.id, body: { name: 'Renamed', description: null }, status: 200 });
    expect(renamed).toMatchObject({ name: 'Renamed', description: null, panels: d.panels });
    const replaced = await call(atoll, 'PATCH', `${D}/${d.id}`, member, {
      tenant: tenant.id,
      body: {
        panels: [
          { ...a, title: 'A again' },
          { type: 'text', title: 'new', text: 'x', id: crypto.randomUUID() },
        ],
      },
      status: 200,
    });
    expect(replaced.panels[0]).toEqual({ ...a, title: 'A again' });
    expect(replaced.panels[1].id).not.toBe(d.panels[1].id);
    await call(atoll, 'PATCH', `${D}/${d.id}`, member, { tenant: tenant.id, body: {}, status: 400 });
    await call(atoll, 'DELETE', `${D}/${d.id}`, member, { tenant: tenant.id, status: 403 });
    await call(atoll, 'DELETE', `${D}/${d.id}`, owner, { tenant: tenant.id, status: 204 });
    await call(atoll, 'GET', `${D}/${d.id}`, owner, { tenant: tenant.id, status: 404, code: 'DASHBOARDS_NOT_FOUND' });
    await call(atoll, 'DELETE', `${D}/${d.id}`, owner, { tenant: tenant.id, status: 404 });
    const audit = await call(atoll, 'GET', `/api/v1/tenants/${tenant.id}/audit`, owner, { status: 200 });
    const actions = audit.items.filter((e: { targetId: string }) => e.targetId === d.id).map((e: { action: string }) => e.action);
    expect(actions).toEqual(['dashboards.deleted', 'dashboards.updated', 'dashboards.updated', 'dashboards.created']);
  });

  it('keeps panel ids unique whatever ids a body repeats', async () => {
    const { member, tenant } = await team(atoll, 'dui');
    const d = await newDashboard(atoll, member, tenant.id, { panels: [timeseriesPanel('a')] });
    const [a] = d.panels;
    const twice = await call(atoll, 'PATCH', `${D}/${d.id}`, member, { tenant: tenant.id, body: { panels: [a, a] }, status: 200 });
    expect(twice.panels[0].id).toBe(a.id);
    expect(twice.panels[1].id).not.toBe(a.id);
    const copied = await newDashboard(atoll, member, tenant.id, { panels: [a, a] });
    expect(new Set([a.id, ...copied.panels.map((p: { id: string }) => p.id)]).size).toBe(3);
  });

  it('duplicates with new panel ids', async () => {
    const { member, tenant } = await team(atoll, 'dd');
    const d = await newDashboard(atoll, member, tenant.id, { name: 'Source', description: 'desc', panels: [timeseriesPanel()] });
    const { body: copy, headers } = await request(atoll, 'POST', `${D}/${d.id}/duplicate`, member, { tenant: tenant.id, body: {}, status: 201 });
    expect(copy).toMatchObject({ name: 'Copy of Source', description: 'desc' });
    expect(copy.id).not.toBe(d.id);
    expect(headers.get('location')).toBe(`${D}/${copy.id}`);
    expect(copy.panels[0].id).not.toBe(d.panels[0].id);
    expect({ ...copy.panels[0], id: 'x' }).toEqual({ ...d.panels[0], id: 'x' });
    expect((await call(atoll, 'POST', `${D}/${d.id}/duplicate`, member, { tenant: tenant.id, body: { name: 'Mine' }, status: 201 })).name).toBe('Mine');
    const other = await ownerWithTenant(atoll, 'dd2');
    await call(atoll, 'POST', `${D}/${d.id}/duplicate`, other.owner, { tenant: other.tenant.id, body: {}, status: 404, code: 'DASHBOARDS_NOT_FOUND' });
  });
});

describe('panels', () => {
  it('adds, replaces, removes and reorders panels (reorder lays them out again; the grid packs up)', async () => {
    const { member, viewer, tenant } = await team(atoll, 'dp');
    const d = await newDashboard(atoll, member, tenant.id);
    const P = `${D}/${d.id}/panels`;
    const { body: wide, headers } = await request(atoll, 'POST', P, member, { tenant: tenant.id, body: { ...timeseriesPanel(), position: { x: 0, y: 0, w: 8, h: 4 } }, status: 201 });
    // Location: the panel, which PUT replaces and DELETE removes.
    expect(headers.get('location')).toBe(`${P}/${wide.id}`);
    const kpi = await call(atoll, 'POST', P, member, { tenant: tenant.id, body: { type: 'kpi', title: 'k', query: { sql: 'select 1' } }, status: 201 });
    const note = await call(atoll, 'POST', P, member, { tenant: tenant.id, body: { type: 'text', title: 'n', text: 'hi' }, status: 201 });
    expect(kpi.position).toEqual({ x: 8, y: 0, w: 3, h: 2 });
    expect(note.position).toEqual({ x: 8, y: 2, w: 4, h: 2 });
    const changed = await call(atoll, 'PUT', `${P}/${kpi.id}`, member, { tenant: tenant.id, body: { type: 'bar', title: 'bars', query: { metric: 'temp', bucket: 'day' } }, status: 200 });
    expect(changed).toEqual({ id: kpi.id, type: 'bar', title: 'bars', query: { metric: 'temp', agg: 'avg', bucket: 'day', range: { last: '24h' } }, position: kpi.position });
    const reordered = await call(atoll, 'POST', `${P}/reorder`, member, { tenant: tenant.id, body: { panelIds: [note.id, wide.id, kpi.id] }, status: 200 });
    expect(reordered.panels.map((p: { id: string; position: unknown }) => [p.id, p.position])).toEqual([
      [note.id, { x: 0, y: 0, w: 4, h: 2 }],
      [wide.id, { x: 4, y: 0, w: 8, h: 4 }],
      [kpi.id, { x: 0, y: 2, w: 3, h: 2 }],
    ]);
    await call(atoll, 'POST', `${P}/reorder`, member, { tenant: tenant.id, body: { panelIds: [note.id, wide.id] }, status: 400, code: 'DASHBOARDS_INVALID_ORDER' });
    await call(atoll, 'POST', `${P}/reorder`, member, { tenant: tenant.id, body: { panelIds: [note.id, note.id, wide.id] }, status: 400, code: 'DASHBOARDS_INVALID_ORDER' });
    await call(atoll, 'POST', `${P}/reorder`, member, { tenant: tenant.id, body: { panelIds: [note.id, wide.id, crypto.randomUUID()] }, status: 400, code: 'DASHBOARDS_INVALID_ORDER' });
    await call(atoll, 'DELETE', `${P}/${note.id}`, member, { tenant: tenant.id, status: 204 });
    await call(atoll, 'DELETE', `${P}/${note.id}`, member, { tenant: tenant.id, status: 404, code: 'DASHBOARDS_PANEL_NOT_FOUND' });
    await call(atoll, 'PUT', `${P}/${note.id}`, member, { tenant: tenant.id, body: timeseriesPanel(), status: 404, code: 'DASHBOARDS_PANEL_NOT_FOUND' });
    expect((await call(atoll, 'GET', `${D}/${d.id}`, viewer, { tenant: tenant.id, status: 200 })).panels.map((p: { id: string; position: unknown }) => [p.id, p.position])).toEqual([
      [kpi.id, { x: 0, y: 0, w: 3, h: 2 }],
      [wide.id, { x: 4, y: 0, w: 8, h: 4 }],
    ]);
  });

  it('validates panels: types and queries, grid bounds, sizes, ranges', async () => {
    const { member, tenant } = await team(atoll, 'dv');
    const d = await newDashboard(atoll, member, tenant.id);
    const bad = async (body: unknown, path: string) => {
      const answer = await call(atoll, 'POST', `${D}/${d.id}/panels`, member, { tenant: tenant.id, body, status: 400 });
      expect(answer.errors.map((e: { path: string }) => e.path).join(' '), JSON.stringify(answer)).toContain(path);
    };
    await bad({ type: 'pie', title: 't', query: { metric: 'm' } }, 'type');
    await bad({ type: 'timeseries', title: 't', query: { sql: 'select 1' } }, 'query');
    await bad({ type: 'timeseries', title: '', query: { metric: 'm' } }, 'title');
    await bad({ type: 'timeseries', title: 'x'.repeat(201), query: { metric: 'm' } }, 'title');
    await bad({ type: 'table', title: 't', query: { sql: 'x'.repeat(20_001) } }, 'query');
    await bad({ type: 'table', title: 't', query: { sql: 'select 1', metric: 'm' } }, 'query');
    await bad({ ...timeseriesPanel(), position: { x: 8, y: 0, w: 6, h: 2 } }, 'position.w');
    await bad({ ...timeseriesPanel(), position: { x: 0, y: 100, w: 6, h: 2 } }, 'position.y');
    await bad({ ...timeseriesPanel(), position: { x: 0, y: 0, w: 0, h: 2 } }, 'position.w');
    await bad({ type: 'timeseries', title: 't', query: { metric: 'm', range: { last: '2y' } } }, 'query.range');
    await bad({ type: 'timeseries', title: 't', query: { metric: 'm', range: { from: '2026-03-02T00:00:00Z', to: '2026-03-01T00:00:00Z' } } }, 'query.range');
    await bad({ type: 'timeseries', title: 't', query: { metric: 'm', bucket: 'minute', range: { from: '2026-01-01T00:00:00Z', to: '2026-03-01T00:00:00Z' } } }, 'query.range');
    await bad({ type: 'text', title: 't', text: 'x'.repeat(10_001) }, 'text');
    await call(atoll, 'POST', D, member, { tenant: tenant.id, body: { name: 'too many', panels: Array.from({ length: 51 }, () => timeseriesPanel()) }, status: 400 });
  });

  it('holds at most 50 panels (409 DASHBOARDS_PANEL_LIMIT)', async () => {
    const { member, tenant } = await team(atoll, 'dlim');
    const d = await newDashboard(atoll, member, tenant.id, {
      panels: Array.from({ length: 50 }, (_, i) => ({ type: 'text', title: `t${i}`, text: '', position: { x: 0, y: Math.min(i, 99), w: 1, h: 1 } })),
    });
    await call(atoll, 'POST', `${D}/${d.id}/panels`, member, { tenant: tenant.id, body: timeseriesPanel(), status: 409, code: 'DASHBOARDS_PANEL_LIMIT' });
  });
});
