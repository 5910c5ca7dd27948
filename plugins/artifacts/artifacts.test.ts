import { describe, expect, it, vi } from 'vitest';
import { seedUser } from '../../test/worker/seed';
import { bootProjects, newProject, ownerWithTenant } from '../projects/testing';
import { request } from '../tenants/testing';
import { call, keysUnder, newArtifact, teamWithProject, uploadVersion } from './testing';

vi.setConfig({ testTimeout: 30_000 });
const atoll = await bootProjects();
const inProject = (id: string) => `/api/v1/projects/${id}/artifacts`;
const A = (id: string) => `/api/v1/artifacts/${id}`;

describe('POST /projects/{projectId}/artifacts', () => {
  it('creates an artifact with tags, metadata and lineage', async () => {
    const { member, tenant, project } = await teamWithProject(atoll);
    const source = await newArtifact(atoll, member, tenant.id, project.id, { name: 'raw', kind: 'dataset' });
    const job = crypto.randomUUID();
    const made = await newArtifact(atoll, member, tenant.id, project.id, {
      name: 'model',
      kind: 'model',
      status: 'ready',
      tags: ['b', 'a', 'b'],
      metadata: { auc: 0.91, params: { depth: 4 } },
      sourceArtifactIds: [source.id],
      producedByJobId: job,
    });
    expect(made).toMatchObject({
      projectId: project.id,
      name: 'model',
      kind: 'model',
      status: 'ready',
      tags: ['b', 'a'],
      metadata: { auc: 0.91, params: { depth: 4 } },
      sourceArtifactIds: [source.id],
      producedByJobId: job,
      latestVersion: 0,
      createdBy: member.userId,
    });
    expect(source).toMatchObject({ status: 'draft', tags: [], metadata: {}, sourceArtifactIds: [], producedByJobId: null });
  });

  it('answers 201 with the artifact’s URL in Location', async () => {
    const { member, tenant, project } = await teamWithProject(atoll);
    const { body: made, headers } = await request(atoll, 'POST', inProject(project.id), member, { tenant: tenant.id, body: { name: 'located', kind: 'file' }, status: 201 });
    expect(headers.get('location')).toBe(A(made.id));
    expect(await call(atoll, 'GET', headers.get('location')!, member, { tenant: tenant.id, status: 200 })).toMatchObject({ id: made.id, name: 'located' });
  });

  it("is 404 in another tenant's project or an unknown one", async () => {
    const a = await teamWithProject(atoll, 'a');
    const b = await ownerWithTenant(atoll, 'b');
    await call(atoll, 'POST', inProject(a.project.id), b.owner, { tenant: b.tenant.id, body: { name: 'x', kind: 'file' }, status: 404, code: 'ARTIFACTS_PROJECT_NOT_FOUND' });
    await call(atoll, 'POST', inProject(crypto.randomUUID()), a.owner, { tenant: a.tenant.id, body: { name: 'x', kind: 'file' }, status: 404, code: 'ARTIFACTS_PROJECT_NOT_FOUND' });
    expect((await call(atoll, 'GET', inProject(a.project.id), a.owner, { tenant: a.tenant.id, status: 200 })).items).toEqual([]);
  });

  it('validates the body: kind, status, tags, metadata size, lineage', async () => {
    const { owner, tenant, project } = await teamWithProject(atoll);
    const post = (body: unknown, status: number, code?: string) => call(atoll, 'POST', inProject(project.id), owner, { tenant: tenant.id, body, status, ...(code ? { code } : {}) });
    const bad = await post({ name: '', kind: 'video', status: 'gone' }, 400);
    expect(bad.errors.map((e: { path: string }) => e.path).sort()).toEqual(['kind', 'name', 'status']);
    await post({ name: 'x', kind: 'file', tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, 400);
    await post({ name: 'x', kind: 'file', tags: ['x'.repeat(65)] }, 400);
    await post({ name: 'x', kind: 'file', tags: ['new\nline'] }, 400);
    await post({ name: 'x', kind: 'file', metadata: ['not', 'an', 'object'] }, 400);
    const big = await post({ name: 'x', kind: 'file', metadata: { blob: 'x'.repeat(16 * 1024) } }, 413, 'ARTIFACTS_METADATA_TOO_LARGE');
    expect(big.errors[0].path).toBe('metadata');
    await post({ name: 'x', kind: 'file', sourceArtifactIds: [crypto.randomUUID()] }, 400, 'ARTIFACTS_SOURCE_NOT_FOUND');
    await post({ name: 'x', kind: 'file', sourceArtifactIds: ['nope'] }, 400);
    await post({ name: 'x', kind: 'file', producedByJobId: 'job-1' }, 400);
    const other = await teamWithProject(atoll, 'other');
    const foreign = await newArtifact(atoll, other.owner, other.tenant.id, other.project.id);
    await post({ name: 'x', kind: 'file', sourceArtifactIds: [foreign.id] }, 400, 'ARTIFACTS_SOURCE_NOT_FOUND');
    // Refused rather than silently dropped by object handling.
    const proto = await call(atoll, 'POST', inProject(project.id), owner, { tenant: tenant.id, body: JSON.parse('{"name":"x","kind":"file","metadata":{"__proto__":{"a":1}}}'), status: 400 });
    expect(proto.errors[0].message).toContain('__proto__');
  });

  it('needs a member: 401 anonymous, 404 stranger, 403 viewer', async () => {
    const { viewer, tenant, project } = await teamWithProject(atoll);
    const body = { name: 'x', kind: 'file' };
    await call(atoll, 'POST', inProject(project.id), null, { tenant: tenant.id, body, status: 401 });
    await call(atoll, 'POST', inProject(project.id), await seedUser(atoll), { tenant: tenant.id, body, status: 404 });
    await call(atoll, 'POST', inProject(project.id), viewer, { tenant: tenant.id, body, status: 403 });
  });
});

describe('GET /projects/{projectId}/artifacts', () => {
  it('filters by kind, status and tag, and pages newest first', async () => {
    const { owner, viewer, tenant, project } = await teamWithProject(atoll);
    const made = [];
    for (const [name, kind, status, tags] of [
      ['a', 'dataset', 'draft', ['raw']],
      ['b', 'model', 'ready', ['prod', 'v1']],
      ['c', 'model', 'archived', ['v1']],
      ['d', 'report', 'ready', []],
      ['e', 'figure', 'ready', ['prod']],
    ] as const)
      made.push(await newArtifact(atoll, owner, tenant.id, project.id, { name, kind, status, tags }));
    const list = async (query: string) => (await call(atoll, 'GET', `${inProject(project.id)}?${query}`, viewer, { tenant: tenant.id, status: 200 })).items.map((a: { name: string }) => a.name);
    expect(await list('kind=model')).toEqual(['c', 'b']);
    expect(await list('status=ready')).toEqual(['e', 'd', 'b']);
    expect(await list('tag=prod')).toEqual(['e', 'b']);
    expect(await list('tag=v1&status=ready')).toEqual(['b']);
    expect(await list('tag=none')).toEqual([]);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { name: string }[]; nextCursor: string | null } = await call(atoll, 'GET', `${inProject(project.id)}?limit=2${cursor ? `&cursor=${cursor}` : ''}`, viewer, {
        tenant: tenant.id,
        status: 200,
      });
      seen.push(...page.items.map((a) => a.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['e', 'd', 'c', 'b', 'a']);
    await call(atoll, 'GET', `${inProject(project.id)}?cursor=bogus`, viewer, { tenant: tenant.id, status: 400, code: 'ARTIFACTS_INVALID_CURSOR' });
    await call(atoll, 'GET', `${inProject(project.id)}?kind=video`, viewer, { tenant: tenant.id, status: 400 });
    await call(atoll, 'GET', `${inProject(project.id)}?limit=101`, viewer, { tenant: tenant.id, status: 400 });
    await call(atoll, 'GET', inProject(crypto.randomUUID()), viewer, { tenant: tenant.id, status: 404, code: 'ARTIFACTS_PROJECT_NOT_FOUND' });
    await call(atoll, 'GET', inProject(project.id), null, { tenant: tenant.id, status: 401 });
    const other = await ownerWithTenant(atoll);
    await call(atoll, 'GET', inProject(project.id), other.owner, { tenant: other.tenant.id, status: 404 });
  });
});

describe('GET, PATCH, DELETE /artifacts/{id}', () => {
  it('gets an artifact with its versions; other tenants get 404', async () => {
    const { owner, viewer, tenant, project } = await teamWithProject(atoll);
    const made = await newArtifact(atoll, owner, tenant.id, project.id);
    expect(await call(atoll, 'GET', A(made.id), viewer, { tenant: tenant.id, status: 200 })).toEqual({ ...made, versions: [] });
    const other = await ownerWithTenant(atoll);
    await call(atoll, 'GET', A(made.id), other.owner, { tenant: other.tenant.id, status: 404, code: 'ARTIFACTS_NOT_FOUND' });
    await call(atoll, 'GET', A('nope'), owner, { tenant: tenant.id, status: 400 });
    await call(atoll, 'GET', A(made.id), null, { tenant: tenant.id, status: 401 });
  });

  it('updates the given fields and really changes them; refuses lineage cycles', async () => {
    const { member, viewer, tenant, project } = await teamWithProject(atoll);
    const a = await newArtifact(atoll, member, tenant.id, project.id, { name: 'a', tags: ['x'], metadata: { keep: false } });
    const b = await newArtifact(atoll, member, tenant.id, project.id, { name: 'b', sourceArtifactIds: [a.id] });
    const patch = (id: string, body: unknown, status: number, code?: string) => call(atoll, 'PATCH', A(id), member, { tenant: tenant.id, body, status, ...(code ? { code } : {}) });
    const changed = await patch(a.id, { status: 'ready', tags: ['y', 'z'], metadata: { replaced: true } }, 200);
    expect(changed).toMatchObject({ name: 'a', kind: 'dataset', status: 'ready', tags: ['y', 'z'], metadata: { replaced: true } });
    expect(await call(atoll, 'GET', A(a.id), viewer, { tenant: tenant.id, status: 200 })).toMatchObject({ status: 'ready', tags: ['y', 'z'], metadata: { replaced: true } });
    await patch(a.id, { sourceArtifactIds: [a.id] }, 400, 'ARTIFACTS_LINEAGE_CYCLE');
    await patch(a.id, { sourceArtifactIds: [b.id] }, 400, 'ARTIFACTS_LINEAGE_CYCLE');
    expect((await patch(b.id, { sourceArtifactIds: [] }, 200)).sourceArtifactIds).toEqual([]);
    expect((await patch(a.id, { sourceArtifactIds: [b.id] }, 200)).sourceArtifactIds).toEqual([b.id]);
    await patch(a.id, {}, 400);
    await patch(a.id, { kind: 'video' }, 400);
    await patch(a.id, { metadata: { blob: 'x'.repeat(17000) } }, 413);
    await patch(crypto.randomUUID(), { status: 'ready' }, 404, 'ARTIFACTS_NOT_FOUND');
    await call(atoll, 'PATCH', A(a.id), viewer, { tenant: tenant.id, body: { status: 'archived' }, status: 403 });
    const other = await ownerWithTenant(atoll);
    await call(atoll, 'PATCH', A(a.id), other.owner, { tenant: other.tenant.id, body: { status: 'archived' }, status: 404 });
  });

  it('deletes an artifact with all its stored versions (admin only)', async () => {
    const { owner, member, tenant, project } = await teamWithProject(atoll);
    const made = await newArtifact(atoll, member, tenant.id, project.id);
    await uploadVersion(atoll, member, tenant.id, made.id, 'one');
    await uploadVersion(atoll, member, tenant.id, made.id, 'two');
    const prefix = `tenants/${tenant.id}/artifacts/${made.id}/`;
    expect(await keysUnder(prefix)).toEqual([`${prefix}v1`, `${prefix}v2`]);
    await call(atoll, 'DELETE', A(made.id), member, { tenant: tenant.id, status: 403 });
    const other = await ownerWithTenant(atoll);
    await call(atoll, 'DELETE', A(made.id), other.owner, { tenant: other.tenant.id, status: 404 });
    await call(atoll, 'DELETE', A(made.id), owner, { tenant: tenant.id, status: 204 });
    await call(atoll, 'GET', A(made.id), owner, { tenant: tenant.id, status: 404 });
    expect(await keysUnder(prefix)).toEqual([]);
    await call(atoll, 'DELETE', A(made.id), owner, { tenant: tenant.id, status: 404 });
  });
});

describe('deleting a project with artifacts', () => {
  it('is refused (409 PROJECTS_NOT_EMPTY) unless force=true, which removes its artifacts and objects', async () => {
    const { owner, member, tenant, project } = await teamWithProject(atoll);
    const keep = await newProject(atoll, owner, tenant.id);
    const kept = await newArtifact(atoll, member, tenant.id, keep.id);
    await uploadVersion(atoll, member, tenant.id, kept.id, 'stays');
    const doomed = [await newArtifact(atoll, member, tenant.id, project.id), await newArtifact(atoll, member, tenant.id, project.id)];
    await uploadVersion(atoll, member, tenant.id, doomed[0].id, 'gone');
    await uploadVersion(atoll, member, tenant.id, doomed[1].id, 'gone too');
    const body = await call(atoll, 'DELETE', `/api/v1/projects/${project.id}`, owner, { tenant: tenant.id, status: 409, code: 'PROJECTS_NOT_EMPTY' });
    expect(body.detail).toContain('2 item');
    await call(atoll, 'GET', A(doomed[0].id), owner, { tenant: tenant.id, status: 200 });
    await call(atoll, 'DELETE', `/api/v1/projects/${project.id}?force=true`, owner, { tenant: tenant.id, status: 204 });
    await call(atoll, 'GET', `/api/v1/projects/${project.id}`, owner, { tenant: tenant.id, status: 404 });
    for (const a of doomed) {
      await call(atoll, 'GET', A(a.id), owner, { tenant: tenant.id, status: 404 });
      expect(await keysUnder(`tenants/${tenant.id}/artifacts/${a.id}/`)).toEqual([]);
    }
    await call(atoll, 'GET', A(kept.id), owner, { tenant: tenant.id, status: 200 });
    expect(await keysUnder(`tenants/${tenant.id}/artifacts/${kept.id}/`)).toHaveLength(1);
  });
});
