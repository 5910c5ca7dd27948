import { describe, expect, it } from 'vitest';
import { apiKeyOf, seedUser } from '../../test/worker/seed';
import { bootDashboards, call, newDashboard, team, timeseriesPanel } from './testing';

const atoll = await bootDashboards();

/**
 * The security set for every dashboards route: no credentials 401, a signed-in stranger naming the
 * tenant 404, a viewer on a write 403 (a member on a delete of the dashboard), a bad body 400, and
 * another tenant's dashboard 404 for its own members.
 */
describe('security set for every dashboards route', async () => {
  const t = await team(atoll, 'dsec');
  const other = await team(atoll, 'dsec-other');
  const d = await newDashboard(atoll, t.owner, t.tenant.id, { panels: [timeseriesPanel(), { type: 'text', title: 'n', text: 'x' }] });
  const [panel, note] = d.panels;
  const stranger = await seedUser(atoll);
  const D = `/api/v1/dashboards/${d.id}`;

  type Route = { method: string; path: string; role: 'viewer' | 'member' | 'admin'; body?: unknown; bad?: unknown; foreign?: boolean };
  const routes: Route[] = [
    { method: 'GET', path: '/api/v1/dashboards', role: 'viewer' },
    { method: 'POST', path: '/api/v1/dashboards', role: 'member', body: { name: 'n' }, bad: { name: '' } },
    { method: 'GET', path: D, role: 'viewer', foreign: true },
    { method: 'PATCH', path: D, role: 'member', body: { description: 'd' }, bad: { name: 7 }, foreign: true },
    { method: 'POST', path: `${D}/duplicate`, role: 'member', body: {}, bad: { name: '' }, foreign: true },
    { method: 'POST', path: `${D}/panels`, role: 'member', body: timeseriesPanel(), bad: { type: 'pie' }, foreign: true },
    { method: 'PUT', path: `${D}/panels/${panel.id}`, role: 'member', body: timeseriesPanel(), bad: { type: 'text' }, foreign: true },
    { method: 'POST', path: `${D}/panels/reorder`, role: 'member', body: { panelIds: [note.id, panel.id] }, bad: { panelIds: ['x'] }, foreign: true },
    { method: 'GET', path: `${D}/panels/${note.id}/data`, role: 'viewer', foreign: true },
    { method: 'DELETE', path: `${D}/panels/${note.id}`, role: 'member', foreign: true },
    { method: 'DELETE', path: D, role: 'admin', foreign: true },
  ];

  for (const r of routes) {
    it(`${r.method} ${r.path.replace(/[0-9a-f-]{36}/g, '{id}')}`, async () => {
      const body = r.body;
      await call(atoll, r.method, r.path, null, { tenant: t.tenant.id, body, status: 401 });
      await call(atoll, r.method, r.path, stranger, { tenant: t.tenant.id, body, status: 404, code: 'KERNEL_TENANT_NOT_FOUND' });
      if (r.role !== 'viewer') await call(atoll, r.method, r.path, t.viewer, { tenant: t.tenant.id, body, status: 403 });
      if (r.role === 'admin') await call(atoll, r.method, r.path, t.member, { tenant: t.tenant.id, body, status: 403 });
      if (r.foreign) await call(atoll, r.method, r.path, other.owner, { tenant: other.tenant.id, body, status: 404 });
      if (r.bad !== undefined) {
        const answer = await call(atoll, r.method, r.path, t.owner, { tenant: t.tenant.id, body: r.bad, status: 400 });
        expect(answer.errors?.length ?? 0, JSON.stringify(answer)).toBeGreaterThan(0);
      }
    });
  }

  it('accepts API keys with the dashboards scopes only', async () => {
    const key = (scopes: string[]) => apiKeyOf(atoll, { tenantId: t.tenant.id, scopes, createdBy: t.owner.userId });
    const reader = (await key(['dashboards:read'])).secret;
    const writer = (await key(['dashboards:read', 'dashboards:write'])).secret;
    await call(atoll, 'GET', D, reader, { status: 200 });
    await call(atoll, 'POST', '/api/v1/dashboards', reader, { body: { name: 'x' }, status: 403 });
    const made = await call(atoll, 'POST', '/api/v1/dashboards', writer, { body: { name: 'by key' }, status: 201 });
    await call(atoll, 'DELETE', `/api/v1/dashboards/${made.id}`, writer, { status: 403 });
    await call(atoll, 'GET', D, (await key(['analytics:read'])).secret, { status: 403 });
    // Panel data reads datasets: a dashboards-only key must not get them through a saved query.
    await call(atoll, 'GET', `${D}/panels/${panel.id}/data`, writer, { status: 403 });
    await call(atoll, 'GET', `${D}/panels/${panel.id}/data`, (await key(['dashboards:read', 'analytics:read', 'datasets:read'])).secret, { status: 200 });
  });

  it('keeps malformed ids to 400', async () => {
    await call(atoll, 'GET', '/api/v1/dashboards/not-a-uuid', t.owner, { tenant: t.tenant.id, status: 400 });
    await call(atoll, 'GET', `${D}/panels/nope/data`, t.owner, { tenant: t.tenant.id, status: 400 });
  });
});
