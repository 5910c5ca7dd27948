import { describe, expect, it, vi } from 'vitest';
import { send } from '../../test/worker/harness';
import type { SignedUp } from '../../test/worker/identity';
import { htmlOf as html } from '../../test/worker/pages';
import type { AtollApp } from '../../worker/app';
import { bootDatasets, call, newDataset, team, uniqueName, waitForIngest } from './testing';

vi.setConfig({ testTimeout: 60_000 });
const atoll = await bootDatasets();
const small = await bootDatasets({ DATASETS_MAX_DIRECT_UPLOAD_BYTES: '40' });

const page = (user: SignedUp, tenant: string, path: string) => send(atoll, path, { headers: { authorization: `Bearer ${user.accessToken}`, 'x-tenant-id': tenant } });

/** Posts the upload form as a browser sends it: the text fields in the form's order, then the file (`null`: none). */
function postUpload(app: AtollApp, user: SignedUp, tenant: string, fields: Record<string, string>, file: string | null, htmx = true) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  if (file !== null) form.append('file', new File([file], 'data.csv', { type: 'text/csv' }));
  const headers: Record<string, string> = { authorization: `Bearer ${user.accessToken}`, 'x-tenant-id': tenant };
  if (htmx) headers['hx-request'] = 'true';
  return send(app, '/app/datasets', { method: 'POST', headers, body: form });
}

const namesIn = async (app: AtollApp, user: SignedUp, tenant: string) => ((await call(app, 'GET', '/api/v1/datasets', user, { tenant, status: 200 })).items as { name: string }[]).map((d) => d.name);

describe('datasets pages', () => {
  it('lists datasets with live-status hooks; members get the upload form, viewers do not', async () => {
    const t = await team(atoll, 'pages');
    const { dataset } = await newDataset(atoll, t.member, t.tenant.id);
    const forMember = await html(await page(t.member, t.tenant.id, '/app/datasets'));
    expect(forMember).toContain('data-realtime-topics="datasets"');
    expect(forMember).toContain('<form class="stack" id="dataset-upload" method="post" action="/app/datasets" enctype="multipart/form-data"');
    expect(forMember).toContain('<script src="/static/datasets.js" defer="">');
    expect(forMember).toContain(`id="dataset-${dataset.id}"`);
    expect(forMember).toContain(`href="/app/datasets/${dataset.id}"`);
    expect(forMember).toMatch(/<a href="\/app\/datasets"[^>]*>Datasets<\/a>/);
    const forViewer = await html(await page(t.viewer, t.tenant.id, '/app/datasets'));
    expect(forViewer).not.toContain('id="dataset-upload"');
    expect(forViewer).toContain(`id="dataset-${dataset.id}"`);
  });

  it('serves one row as a partial for the live list, only within the tenant', async () => {
    const t = await team(atoll, 'rows');
    const other = await team(atoll, 'other');
    const { dataset } = await newDataset(atoll, t.member, t.tenant.id);
    const row = await html(await page(t.viewer, t.tenant.id, `/app/datasets/${dataset.id}/row`));
    expect(row.startsWith(`<tr id="dataset-${dataset.id}"`), row).toBe(true);
    expect(row).toContain('data-status="created"');
    expect(row).not.toContain('<html');
    expect((await page(other.owner, other.tenant.id, `/app/datasets/${dataset.id}/row`)).status).toBe(404);
  });

  it('takes the upload form in one post: creates the dataset, stores the file, queues ingestion', async () => {
    const t = await team(atoll, 'form');
    const name = uniqueName('form');
    const res = await postUpload(atoll, t.member, t.tenant.id, { name, kind: 'metric', format: 'csv', description: '' }, 'metric,value\ncpu,1\ncpu,2\n');
    const form = await html(res);
    // htmx gets the form back (no page around it), saying what happened.
    expect(form.startsWith('<form class="stack" id="dataset-upload"'), form).toBe(true);
    expect(form).toContain(`${name} uploaded; ingestion queued.`);
    const [listed] = (await call(atoll, 'GET', '/api/v1/datasets', t.member, { tenant: t.tenant.id, status: 200 })).items;
    expect(listed).toMatchObject({ name, kind: 'metric', format: 'csv', description: null, sizeBytes: 25 });
    expect(form).toContain(`data-uploaded="${listed.id}"`);
    expect(await waitForIngest(atoll, t.member, t.tenant.id, listed.id)).toMatchObject({ status: 'ready', rowCount: 2 });

    // A plain form post (no JavaScript) is sent back to the list.
    const plain = await postUpload(atoll, t.member, t.tenant.id, { name: uniqueName('plain'), kind: 'table', format: 'csv' }, 'a,b\n1,2\n', false);
    expect(plain.status, await plain.clone().text()).toBe(303);
    expect(plain.headers.get('location')).toBe('/app/datasets');
  });

  it('refuses a bad upload form with the failing field, leaving no dataset behind', async () => {
    const t = await team(atoll, 'form-errors');
    const fields = { name: uniqueName('bad'), kind: 'metric', format: 'csv' };
    expect(await html(await postUpload(atoll, t.member, t.tenant.id, { ...fields, name: '1st' }, 'value\n1\n'), 400)).toMatch(/data-code="KERNEL_VALIDATION"[\s\S]*name/);
    expect(await html(await postUpload(atoll, t.member, t.tenant.id, { ...fields, kind: 'table', format: 'json' }, '[]'), 400)).toContain('data-code="DATASETS_INVALID_FORMAT"');
    expect(await html(await postUpload(atoll, t.member, t.tenant.id, fields, null), 400)).toContain('data-code="DATASETS_BAD_UPLOAD"');
    await newDataset(atoll, t.member, t.tenant.id, { name: 'taken' });
    expect(await html(await postUpload(atoll, t.member, t.tenant.id, { ...fields, name: 'TAKEN' }, 'value\n1\n'), 409)).toContain('data-code="DATASETS_NAME_TAKEN"');
    // Past the direct upload limit: 413, and the dataset made for it is gone again (its name is free).
    const s = await team(small, 'form-big');
    expect(await html(await postUpload(small, s.member, s.tenant.id, fields, 'value\n'.padEnd(41, '1')), 413)).toContain('data-code="DATASETS_TOO_LARGE"');
    expect(await namesIn(small, s.member, s.tenant.id)).toEqual([]);
    expect(await html(await postUpload(small, s.member, s.tenant.id, fields, 'value\n1\n'))).toContain(`${fields.name} uploaded`);
    // Viewers see the list but may not upload.
    expect((await postUpload(atoll, t.viewer, t.tenant.id, fields, 'value\n1\n')).status).toBe(403);
    expect(await namesIn(atoll, t.member, t.tenant.id)).toEqual(['taken']);
  });
});
