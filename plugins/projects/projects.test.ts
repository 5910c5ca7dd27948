import { describe, expect, it, vi } from 'vitest';
import { apiKeyOf, seedUser } from '../../test/worker/seed';
import { request } from '../tenants/testing';
import { bootProjects, call, newProject, ownerWithTenant, team } from './testing';

vi.setConfig({ testTimeout: 30_000 });
const atoll = await bootProjects();
const P = '/api/v1/projects';

describe('POST /projects', () => {
  it('creates a project for a member, with an optional description', async () => {
    const { member, tenant } = await team(atoll);
    const project = await newProject(atoll, member, tenant.id, 'Churn', 'Monthly churn');
    expect(project).toMatchObject({ name: 'Churn', description: 'Monthly churn', createdBy: member.userId });
    expect(project.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(project.createdAt).toMatch(/Z$/);
    const bare = await newProject(atoll, member, tenant.slug, 'Bare');
    expect(bare.description).toBeNull();
  });

  it('answers 201 with the project’s URL in Location', async () => {
    const { member, tenant } = await team(atoll);
    const { body: project, headers } = await request(atoll, 'POST', P, member, { tenant: tenant.slug, body: { name: 'Located' }, status: 201 });
    expect(headers.get('location')).toBe(`${P}/${project.id}`);
    expect(await call(atoll, 'GET', headers.get('location')!, member, { tenant: tenant.id, status: 200 })).toMatchObject({ id: project.id, name: 'Located' });
  });

  it('refuses a taken name, ignoring case (409 PROJECTS_NAME_TAKEN), but not in another tenant', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    await newProject(atoll, owner, tenant.id, 'Forecast');
    await call(atoll, 'POST', P, owner, { tenant: tenant.id, body: { name: ' forecast ' }, status: 409, code: 'PROJECTS_NAME_TAKEN' });
    const other = await ownerWithTenant(atoll);
    await newProject(atoll, other.owner, other.tenant.id, 'Forecast');
  });

  it('validates the body (400 naming the field)', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    const empty = await call(atoll, 'POST', P, owner, { tenant: tenant.id, body: { name: '  ' }, status: 400, code: 'KERNEL_VALIDATION' });
    expect(empty.errors[0].path).toBe('name');
    await call(atoll, 'POST', P, owner, { tenant: tenant.id, body: {}, status: 400 });
    await call(atoll, 'POST', P, owner, { tenant: tenant.id, body: { name: 'x'.repeat(201) }, status: 400 });
    await call(atoll, 'POST', P, owner, { tenant: tenant.id, body: { name: 'x', description: 'd'.repeat(2001) }, status: 400 });
    await call(atoll, 'POST', P, owner, { tenant: tenant.id, body: '{not json', status: 400, code: 'KERNEL_MALFORMED_BODY' });
  });

  it('needs a signed-in member of the tenant: 401, 404 for strangers, 403 for viewers', async () => {
    const { viewer, tenant } = await team(atoll);
    await call(atoll, 'POST', P, null, { tenant: tenant.id, body: { name: 'x' }, status: 401 });
    await call(atoll, 'POST', P, await seedUser(atoll), { tenant: tenant.id, body: { name: 'x' }, status: 404, code: 'KERNEL_TENANT_NOT_FOUND' });
    await call(atoll, 'POST', P, viewer, { tenant: tenant.id, body: { name: 'x' }, status: 403, code: 'KERNEL_FORBIDDEN' });
  });

  it('accepts API keys with the projects:write scope only', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    const key = (scopes: string[]) => apiKeyOf(atoll, { tenantId: tenant.id, scopes, createdBy: owner.userId });
    const writer = await key(['projects:write', 'projects:read']);
    const reader = await key(['projects:read']);
    const made = await call(atoll, 'POST', P, writer.secret, { body: { name: 'by key' }, status: 201 });
    expect(made.createdBy).toBe(writer.id);
    await call(atoll, 'POST', P, reader.secret, { body: { name: 'nope' }, status: 403 });
    expect((await call(atoll, 'GET', P, reader.secret, { status: 200 })).items).toHaveLength(1);
    await call(atoll, 'DELETE', `${P}/${made.id}`, writer.secret, { status: 403 });
  });
});

describe('GET /projects', () => {
  async function fiveProjects() {
    const { owner, viewer, tenant } = await team(atoll, 'list');
    for (const name of ['delta', 'Alpha', 'charlie', 'Echo', 'bravo']) await newProject(atoll, owner, tenant.id, name);
    return { owner, viewer, tenant };
  }
  const names = (page: { items: { name: string }[] }) => page.items.map((p) => p.name);

  async function allPages(who: Parameters<typeof call>[3], tenant: string, query: string) {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { name: string }[]; nextCursor: string | null } = await call(atoll, 'GET', `${P}?limit=2${query}${cursor ? `&cursor=${cursor}` : ''}`, who, { tenant, status: 200 });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...names(page));
      cursor = page.nextCursor;
    } while (cursor);
    return seen;
  }

  it('pages through every project in name order (case-insensitive), either direction, for viewers too', async () => {
    const { viewer, tenant } = await fiveProjects();
    expect(await allPages(viewer, tenant.id, '')).toEqual(['Alpha', 'bravo', 'charlie', 'delta', 'Echo']);
    expect(await allPages(viewer, tenant.id, '&sort=name&order=desc')).toEqual(['Echo', 'delta', 'charlie', 'bravo', 'Alpha']);
  });

  it('sorts by updatedAt (newest first by default) and a rename moves a project up', async () => {
    const { owner, tenant } = await fiveProjects();
    expect(await allPages(owner, tenant.id, '&sort=updatedAt')).toEqual(['bravo', 'Echo', 'charlie', 'Alpha', 'delta']);
    const alpha = (await call(atoll, 'GET', `${P}?q=alpha`, owner, { tenant: tenant.id, status: 200 })).items[0];
    await call(atoll, 'PATCH', `${P}/${alpha.id}`, owner, { tenant: tenant.id, body: { description: 'touched' }, status: 200 });
    expect(await allPages(owner, tenant.id, '&sort=updatedAt&order=asc')).toEqual(['delta', 'charlie', 'Echo', 'bravo', 'Alpha']);
  });

  it('filters by a name substring, wildcards taken literally', async () => {
    const { owner, tenant } = await fiveProjects();
    await newProject(atoll, owner, tenant.id, '100% done_ok');
    expect(names(await call(atoll, 'GET', `${P}?q=HAR`, owner, { tenant: tenant.id, status: 200 }))).toEqual(['charlie']);
    expect(names(await call(atoll, 'GET', `${P}?q=${encodeURIComponent('%')}`, owner, { tenant: tenant.id, status: 200 }))).toEqual(['100% done_ok']);
    expect(names(await call(atoll, 'GET', `${P}?q=_`, owner, { tenant: tenant.id, status: 200 }))).toEqual(['100% done_ok']);
    expect(names(await call(atoll, 'GET', `${P}?q=`, owner, { tenant: tenant.id, status: 200 }))).toHaveLength(6); // an empty filter form
    expect(await allPages(owner, tenant.id, '&q=a')).toEqual(['Alpha', 'bravo', 'charlie', 'delta']);
  });

  it('keeps the sort in the cursor; a cursor with another sort or a tampered one is 400', async () => {
    const { owner, tenant } = await fiveProjects();
    const first = await call(atoll, 'GET', `${P}?limit=2&sort=name&order=desc`, owner, { tenant: tenant.id, status: 200 });
    const second = await call(atoll, 'GET', `${P}?limit=2&cursor=${first.nextCursor}`, owner, { tenant: tenant.id, status: 200 });
    expect(names(second)).toEqual(['charlie', 'bravo']);
    await call(atoll, 'GET', `${P}?limit=2&sort=updatedAt&cursor=${first.nextCursor}`, owner, { tenant: tenant.id, status: 400, code: 'PROJECTS_INVALID_CURSOR' });
    await call(atoll, 'GET', `${P}?cursor=garbage!`, owner, { tenant: tenant.id, status: 400, code: 'PROJECTS_INVALID_CURSOR' });
    const tampered = btoa(JSON.stringify(['name', 'asc', 'x', "'; drop table projects; --"])).replace(/=+$/, '');
    await call(atoll, 'GET', `${P}?cursor=${tampered}`, owner, { tenant: tenant.id, status: 400, code: 'PROJECTS_INVALID_CURSOR' });
  });

  it('validates the query and keeps tenants apart', async () => {
    const { owner, tenant } = await fiveProjects();
    await call(atoll, 'GET', `${P}?limit=101`, owner, { tenant: tenant.id, status: 400 });
    await call(atoll, 'GET', `${P}?limit=0`, owner, { tenant: tenant.id, status: 400 });
    await call(atoll, 'GET', `${P}?sort=size`, owner, { tenant: tenant.id, status: 400 });
    await call(atoll, 'GET', P, null, { tenant: tenant.id, status: 401 });
    await call(atoll, 'GET', P, await seedUser(atoll), { tenant: tenant.id, status: 404 });
    const other = await ownerWithTenant(atoll);
    expect((await call(atoll, 'GET', P, other.owner, { tenant: other.tenant.id, status: 200 })).items).toEqual([]);
  });
});

describe('GET, PATCH and DELETE /projects/{id}', () => {
  it('gets a project; another tenant’s id is 404; a malformed id is 400', async () => {
    const { owner, viewer, tenant } = await team(atoll);
    const project = await newProject(atoll, owner, tenant.id, 'Readable');
    expect(await call(atoll, 'GET', `${P}/${project.id}`, viewer, { tenant: tenant.id, status: 200 })).toEqual(project);
    const other = await ownerWithTenant(atoll);
    await call(atoll, 'GET', `${P}/${project.id}`, other.owner, { tenant: other.tenant.id, status: 404, code: 'PROJECTS_NOT_FOUND' });
    await call(atoll, 'GET', `${P}/${project.id}`, other.owner, { tenant: tenant.id, status: 404, code: 'KERNEL_TENANT_NOT_FOUND' });
    await call(atoll, 'GET', `${P}/not-a-uuid`, owner, { tenant: tenant.id, status: 400 });
    await call(atoll, 'GET', `${P}/${project.id}`, null, { tenant: tenant.id, status: 401 });
  });

  it('updates only the given fields; null clears the description', async () => {
    const { owner, member, viewer, tenant } = await team(atoll);
    const project = await newProject(atoll, owner, tenant.id, 'Before', 'keep me');
    const renamed = await call(atoll, 'PATCH', `${P}/${project.id}`, member, { tenant: tenant.id, body: { name: 'After' }, status: 200 });
    expect(renamed).toMatchObject({ name: 'After', description: 'keep me' });
    expect(Date.parse(renamed.updatedAt)).toBeGreaterThanOrEqual(Date.parse(project.updatedAt));
    expect((await call(atoll, 'PATCH', `${P}/${project.id}`, member, { tenant: tenant.id, body: { description: null }, status: 200 })).description).toBeNull();
    expect((await call(atoll, 'GET', `${P}/${project.id}`, viewer, { tenant: tenant.id, status: 200 })).name).toBe('After');
    await call(atoll, 'PATCH', `${P}/${project.id}`, member, { tenant: tenant.id, body: {}, status: 400 });
    await call(atoll, 'PATCH', `${P}/${project.id}`, member, { tenant: tenant.id, body: { name: '' }, status: 400 });
    await newProject(atoll, owner, tenant.id, 'Taken');
    await call(atoll, 'PATCH', `${P}/${project.id}`, member, { tenant: tenant.id, body: { name: 'TAKEN' }, status: 409, code: 'PROJECTS_NAME_TAKEN' });
    await call(atoll, 'PATCH', `${P}/${project.id}`, viewer, { tenant: tenant.id, body: { name: 'x' }, status: 403 });
    await call(atoll, 'PATCH', `${P}/${crypto.randomUUID()}`, member, { tenant: tenant.id, body: { name: 'x' }, status: 404, code: 'PROJECTS_NOT_FOUND' });
    const other = await ownerWithTenant(atoll);
    await call(atoll, 'PATCH', `${P}/${project.id}`, other.owner, { tenant: other.tenant.id, body: { name: 'pwned' }, status: 404 });
  });

  it('deletes an empty project (admin only) and audits create and delete', async () => {
    const { owner, member, tenant } = await team(atoll);
    const project = await newProject(atoll, owner, tenant.id, 'Doomed');
    await call(atoll, 'DELETE', `${P}/${project.id}`, member, { tenant: tenant.id, status: 403 });
    const other = await ownerWithTenant(atoll);
    await call(atoll, 'DELETE', `${P}/${project.id}`, other.owner, { tenant: other.tenant.id, status: 404 });
    await call(atoll, 'DELETE', `${P}/${project.id}`, null, { tenant: tenant.id, status: 401 });
    await call(atoll, 'DELETE', `${P}/${project.id}?force=maybe`, owner, { tenant: tenant.id, status: 400 });
    await call(atoll, 'DELETE', `${P}/${project.id}`, owner, { tenant: tenant.id, status: 204 });
    await call(atoll, 'GET', `${P}/${project.id}`, owner, { tenant: tenant.id, status: 404 });
    await call(atoll, 'DELETE', `${P}/${project.id}`, owner, { tenant: tenant.id, status: 404 });
    const audit = await call(atoll, 'GET', `/api/v1/tenants/${tenant.id}/audit`, owner, { status: 200 });
    const actions = audit.items.filter((e: { targetId: string }) => e.targetId === project.id).map((e: { action: string }) => e.action);
    expect(actions).toEqual(['projects.deleted', 'projects.created']);
  });
});
