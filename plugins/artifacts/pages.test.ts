import { describe, expect, it, vi } from 'vitest';
import { send } from '../../test/worker/harness';
import { htmlOf as html, pageClient } from '../../test/worker/pages';
import { bootProjects, call, newProject } from '../projects/testing';
import { keysUnder, newArtifact, teamWithProject, uploadVersion } from './testing';

vi.setConfig({ testTimeout: 30_000 });
const atoll = await bootProjects();
const page = pageClient(atoll);

describe('project pages', () => {
  it('sends signed-out browsers to the login page', async () => {
    const res = await send(atoll, '/app/projects');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/app/login?next=%2Fapp%2Fprojects');
  });

  it('creates a project from the form and lists it', async () => {
    const { member, tenant } = await teamWithProject(atoll, 'pages');
    const list = await html(await page(member, tenant.id, '/app/projects'));
    expect(list).toContain('href="/app/projects"');
    expect(list).toContain('id="project-name"');
    expect(list).toContain('id="project-description"');
    expect(list).toMatch(/<button type="submit">Create project<\/button>/);
    const res = await page(member, tenant.id, '/app/projects', { name: 'Page project', description: 'made in a form' });
    expect(res.status, await res.clone().text()).toBe(303);
    const location = res.headers.get('location')!;
    expect(location).toMatch(/^\/app\/projects\/[0-9a-f-]{36}$/);
    const id = location.split('/').at(-1)!;
    expect(await call(atoll, 'GET', `/api/v1/projects/${id}`, member, { tenant: tenant.id, status: 200 })).toMatchObject({ name: 'Page project', description: 'made in a form' });
    const listed = await html(await page(member, tenant.id, '/app/projects'));
    expect(listed).toContain(`<a href="/app/projects/${id}">Page project</a>`);
    const filtered = await html(await page(member, tenant.id, '/app/projects?q=page+proj'));
    expect(filtered).toContain('Page project');
    expect(filtered).not.toContain(`data-project="${(await newProject(atoll, member, tenant.id, 'Unrelated')).id}`);
    await html(await page(member, tenant.id, '/app/projects', { name: 'page PROJECT' }, true), 409);
    const bad = await html(await page(member, tenant.id, '/app/projects', { name: '' }, true), 400);
    expect(bad).toContain('<li data-field="name"><span class="field-label">Name</span>: ');
  });

  it('keeps viewers to reading', async () => {
    const { viewer, tenant, project } = await teamWithProject(atoll, 'pv');
    const list = await html(await page(viewer, tenant.id, '/app/projects'));
    expect(list).toContain(project.name);
    expect(list).not.toContain('id="project-name"');
    await html(await page(viewer, tenant.id, '/app/projects', { name: 'nope' }, true), 403);
    const detail = await html(await page(viewer, tenant.id, `/app/projects/${project.id}`));
    expect(detail).not.toContain('id="create-artifact"');
    expect(detail).not.toContain('id="delete-project"');
  });

  it('shows the artifacts table with kind/status/tag filters, creates artifacts, deletes the project', async () => {
    const { owner, member, tenant, project } = await teamWithProject(atoll, 'pd');
    await newArtifact(atoll, member, tenant.id, project.id, { name: 'the-model', kind: 'model', status: 'ready', tags: ['prod'] });
    await newArtifact(atoll, member, tenant.id, project.id, { name: 'the-data', kind: 'dataset' });
    const detail = await html(await page(member, tenant.id, `/app/projects/${project.id}`));
    expect(detail).toContain(`<h2 id="project-title">${project.name}</h2>`);
    for (const id of ['filter-kind', 'filter-status', 'filter-tag', 'artifact-name', 'artifact-kind']) expect(detail).toContain(`id="${id}"`);
    expect(detail).toContain('the-model');
    expect(detail).toContain('the-data');
    const models = await html(await page(member, tenant.id, `/app/projects/${project.id}?kind=model&status=&tag=`));
    expect(models).toContain('the-model');
    expect(models).not.toContain('the-data');
    expect(models).toContain('<option value="model" selected="">model</option>');
    const tagged = await html(await page(member, tenant.id, `/app/projects/${project.id}?tag=prod`));
    expect(tagged).toContain('the-model');
    expect(tagged).not.toContain('the-data');
    expect(await html(await page(member, tenant.id, `/app/projects/${project.id}?kind=bogus`))).toContain('the-data');

    const made = await page(member, tenant.id, `/app/projects/${project.id}/artifacts`, { name: 'from-form', kind: 'figure', tags: 'a, b' });
    expect(made.status, await made.clone().text()).toBe(303);
    const artifactId = made.headers.get('location')!.split('/').at(-1)!;
    expect(await call(atoll, 'GET', `/api/v1/artifacts/${artifactId}`, member, { tenant: tenant.id, status: 200 })).toMatchObject({ name: 'from-form', kind: 'figure', tags: ['a', 'b'] });

    await html(await page(owner, tenant.id, `/app/projects/${project.id}/delete`, {}, true), 409);
    expect((await page(owner, tenant.id, `/app/projects/${project.id}/delete`, { force: 'true' })).status).toBe(303);
    await call(atoll, 'GET', `/api/v1/projects/${project.id}`, owner, { tenant: tenant.id, status: 404 });
    await html(await page(owner, tenant.id, `/app/projects/${project.id}`), 404);
    await html(await page(owner, tenant.id, '/app/projects/not-a-uuid'), 404);
  });

  it("does not show another tenant's project", async () => {
    const a = await teamWithProject(atoll, 'pa');
    const b = await teamWithProject(atoll, 'pb');
    await html(await page(b.owner, b.tenant.id, `/app/projects/${a.project.id}`), 404);
    await html(await page(b.owner, a.tenant.id, `/app/projects/${a.project.id}`), 404);
  });
});

describe('artifact page', () => {
  it('shows metadata, versions with download links, and lineage both ways', async () => {
    const { owner, member, viewer, tenant, project } = await teamWithProject(atoll, 'ap');
    const raw = await newArtifact(atoll, member, tenant.id, project.id, { name: 'raw-data' });
    const model = await newArtifact(atoll, member, tenant.id, project.id, { name: 'model-x', kind: 'model', metadata: { auc: 0.93 }, sourceArtifactIds: [raw.id] });
    await uploadVersion(atoll, member, tenant.id, model.id, 'v1 bytes');
    await uploadVersion(atoll, member, tenant.id, model.id, 'v2 bytes!');
    const text = await html(await page(viewer, tenant.id, `/app/artifacts/${model.id}`));
    expect(text).toContain('model-x');
    expect(text).toContain('&quot;auc&quot;: 0.93');
    expect(text).toContain(`href="/api/v1/artifacts/${model.id}/content?version=1"`);
    expect(text).toContain(`href="/api/v1/artifacts/${model.id}/content?version=2"`);
    expect(text).toContain(`<a href="/app/artifacts/${raw.id}">raw-data</a>`);
    expect(text).not.toContain('id="delete-artifact"');
    const rawPage = await html(await page(viewer, tenant.id, `/app/artifacts/${raw.id}`));
    expect(rawPage).toContain(`<a href="/app/artifacts/${model.id}">model-x</a>`);
    expect(rawPage).toContain('id="no-versions"');

    await html(await page(member, tenant.id, `/app/artifacts/${model.id}/delete`, {}, true), 403);
    const gone = await page(owner, tenant.id, `/app/artifacts/${model.id}/delete`, {});
    expect(gone.status).toBe(303);
    expect(gone.headers.get('location')).toBe(`/app/projects/${project.id}`);
    await html(await page(owner, tenant.id, `/app/artifacts/${model.id}`), 404);
  });
});

describe('artifact page forms', () => {
  /** Posts a file as the artifact page's upload form does (multipart, field `file`). */
  const postFile = (who: { accessToken: string }, tenantId: string, path: string, file?: { name: string; text: string; type?: string }) => {
    const form = new FormData();
    form.append('note', 'ignored');
    if (file) form.append('file', new File([file.text], file.name, { type: file.type ?? 'text/plain' }));
    return send(atoll, path, { method: 'POST', headers: { authorization: `Bearer ${who.accessToken}`, 'x-tenant-id': tenantId }, body: form });
  };

  it('uploads a new version and changes status and tags (members), with 4xx for the rest', async () => {
    const { member, viewer, tenant, project } = await teamWithProject(atoll, 'af');
    const artifact = await newArtifact(atoll, member, tenant.id, project.id, { name: 'forecast', tags: ['old'] });
    const form = await html(await page(member, tenant.id, `/app/artifacts/${artifact.id}`));
    for (const id of ['upload-version', 'version-file', 'edit-artifact', 'artifact-status', 'artifact-tags']) expect(form).toContain(`id="${id}"`);
    expect(form).toContain('value="old"');
    const readOnly = await html(await page(viewer, tenant.id, `/app/artifacts/${artifact.id}`));
    expect(readOnly).not.toContain('id="upload-version"');
    expect(readOnly).not.toContain('id="edit-artifact"');

    const up = await postFile(member, tenant.id, `/app/artifacts/${artifact.id}/versions`, { name: 'f.csv', text: 'a,b\n1,2\n', type: 'text/csv' });
    expect(up.status, await up.clone().text()).toBe(303);
    expect(up.headers.get('location')).toBe(`/app/artifacts/${artifact.id}`);
    const again = await postFile(member, tenant.id, `/app/artifacts/${artifact.id}/versions`, { name: 'g.csv', text: 'a,b\n3,4\n' });
    expect(again.status).toBe(303);
    const detail = await call(atoll, 'GET', `/api/v1/artifacts/${artifact.id}`, member, { tenant: tenant.id, status: 200 });
    expect(detail.versions.map((v: { version: number; size: number; contentType: string }) => [v.version, v.size, v.contentType])).toEqual([
      [1, 8, 'text/csv'],
      [2, 8, 'text/plain'],
    ]);
    const latest = await send(atoll, `/api/v1/artifacts/${artifact.id}/content`, { headers: member.headers(tenant.id) });
    expect(await latest.text()).toBe('a,b\n3,4\n');

    const edited = await page(member, tenant.id, `/app/artifacts/${artifact.id}/edit`, { status: 'ready', tags: 'prod, eu ,prod' });
    expect(edited.status, await edited.clone().text()).toBe(303);
    expect(await call(atoll, 'GET', `/api/v1/artifacts/${artifact.id}`, member, { tenant: tenant.id, status: 200 })).toMatchObject({ status: 'ready', tags: ['prod', 'eu'] });

    const bad = await html(await page(member, tenant.id, `/app/artifacts/${artifact.id}/edit`, { status: 'gone', tags: 'a' }, true), 400);
    expect(bad).toContain('data-field="status"');
    const noFile = await postFile(member, tenant.id, `/app/artifacts/${artifact.id}/versions`);
    expect(noFile.status).toBe(400);
    expect(await noFile.json()).toMatchObject({ code: 'ARTIFACTS_BAD_UPLOAD', errors: [{ path: 'file' }] });
    expect((await postFile(viewer, tenant.id, `/app/artifacts/${artifact.id}/versions`, { name: 'v.txt', text: 'x' })).status).toBe(403);
    await html(await page(viewer, tenant.id, `/app/artifacts/${artifact.id}/edit`, { status: 'archived' }, true), 403);

    const other = await teamWithProject(atoll, 'af-other');
    expect((await postFile(other.member, other.tenant.id, `/app/artifacts/${artifact.id}/versions`, { name: 'v.txt', text: 'x' })).status).toBe(404);
    await html(await page(other.member, other.tenant.id, `/app/artifacts/${artifact.id}/edit`, { status: 'archived' }, true), 404);
    expect((await call(atoll, 'GET', `/api/v1/artifacts/${artifact.id}`, member, { tenant: tenant.id, status: 200 })).latestVersion).toBe(2);
  });

  it('refuses content over ARTIFACTS_MAX_CONTENT_BYTES and keeps no staging object', async () => {
    const small = await bootProjects({ ARTIFACTS_MAX_CONTENT_BYTES: '10' });
    const { member, tenant, project } = await teamWithProject(small, 'af-big');
    const artifact = await newArtifact(small, member, tenant.id, project.id);
    const form = new FormData();
    form.append('file', new File(['0123456789ab'], 'big.txt', { type: 'text/plain' }));
    const res = await send(small, `/app/artifacts/${artifact.id}/versions`, { method: 'POST', headers: { authorization: `Bearer ${member.accessToken}`, 'x-tenant-id': tenant.id }, body: form });
    expect(res.status, await res.clone().text()).toBe(413);
    expect(await keysUnder(`tenants/${tenant.id}/artifacts/${artifact.id}/`)).toEqual([]);
  });
});
