// The kit's own checks: a booted app with the plugins a plugin requires, seeded identities the app
// accepts with the roles they were given, and request helpers that send what they say.

import { startTestAtoll } from 'atoll/plugin/testing';
import { describe, expect, it } from 'vitest';
import { projectsPlugin } from '../../../plugins/projects';

const t = await startTestAtoll({ plugins: [projectsPlugin()] });

describe('startTestAtoll', () => {
  it('boots the given plugins with the first-party plugins they require', () => {
    expect(t.app.registry.plugins.map((p) => p.manifest.id).sort()).toEqual(['auth', 'projects', 'tenants']);
  });

  it('seeds a team whose members the app authenticates with their roles', async () => {
    const team = await t.seedTeam('kit');
    const me = await t.as(team.member).get('/api/v1/auth/me');
    expect(me.status, await me.clone().text()).toBe(200);
    expect(((await me.json()) as { email: string }).email).toBe(team.member.email);
    const members = (await (await t.as(team.owner).get(`/api/v1/tenants/${team.tenant.id}/members`)).json()) as { items: { userId: string; role: string }[] };
    const roles = Object.fromEntries(members.items.map((m) => [m.userId, m.role]));
    expect(roles).toEqual({ [team.owner.userId]: 'owner', [team.admin.userId]: 'admin', [team.member.userId]: 'member', [team.viewer.userId]: 'viewer' });
  });

  it('sends writes as the caller in the tenant, and refuses the viewer and nobody', async () => {
    const team = await t.seedTeam('kit');
    const created = await t.as(team.member, team.tenant.id).post('/api/v1/projects', { name: 'kit project' });
    expect(created.status, await created.clone().text()).toBe(201);
    expect((await t.as(team.viewer, team.tenant.id).post('/api/v1/projects', { name: 'no' })).status).toBe(403);
    expect((await t.as(null, team.tenant.id).get('/api/v1/projects')).status).toBe(401);
    const other = await t.seedTeam('kit-other');
    expect((await t.as(other.member, team.tenant.id).get('/api/v1/projects')).status).toBe(404);
  });

  it('seeds API keys with the scopes given, and members with the role given', async () => {
    const team = await t.seedTeam('kit');
    const reader = await t.seedApiKey(team.tenant.id, { scopes: ['projects:read'] });
    expect((await t.as({ apiKey: reader.secret }).get('/api/v1/projects')).status).toBe(200);
    expect((await t.as({ apiKey: reader.secret }).post('/api/v1/projects', { name: 'no' })).status).toBe(403);
    const admin = await t.seedMember(team.tenant.id, 'admin');
    const res = await t.as(admin, team.tenant.id).post('/api/v1/projects', { name: 'by admin' });
    expect(res.status, await res.clone().text()).toBe(201);
    expect((await t.fetch('/api/v1/projects', { headers: { authorization: `Bearer ${team.owner.token}`, 'x-tenant-id': team.tenant.slug } })).status).toBe(200);
  });
});
