import { sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { bodyOf, send } from '../../test/worker/harness';
import type { SignedUp } from '../../test/worker/identity';
import type { AtollApp } from '../../worker/app';
import { request } from '../tenants/testing';
import { bootDatasets, call, datasetWithUpload, inTenant, keysUnder, newDataset, storage, team, uniqueName, waitForIngest } from './testing';

vi.setConfig({ testTimeout: 60_000 });

const atoll = await bootDatasets();
const small = await bootDatasets({ DATASETS_MAX_UPLOAD_BYTES: '50', DATASETS_MAX_DIRECT_UPLOAD_BYTES: '40' });

/** POSTs a multipart form with `content` as the part "file". */
async function uploadForm(app: AtollApp, who: SignedUp, tenantId: string, id: string, content: string | null, query = '') {
  const form = new FormData();
  if (content !== null) form.append('file', new File([content], 'data.csv', { type: 'text/csv' }));
  else form.append('note', 'no file here');
  const { 'content-type': _, ...headers } = who.headers(tenantId);
  const res = await send(app, `/api/v1/datasets/${id}/upload${query}`, { method: 'POST', headers, body: form });
  return { status: res.status, body: await bodyOf(res) };
}

const forceStatus = (app: AtollApp, tenantId: string, id: string, status: string) =>
  inTenant(app, tenantId, (tx) => tx.execute(sql`update datasets set status = ${status}, run_id = gen_random_uuid() where id = ${id}`));

describe('datasets CRUD', () => {
  it('documents every route in the OpenAPI document', async () => {
    const doc = await bodyOf(await send(atoll, '/api/openapi.json'));
    const ids = Object.values(doc.paths as Record<string, Record<string, { operationId: string }>>).flatMap((p) => Object.values(p).map((o) => o.operationId));
    expect(ids).toEqual(
      expect.arrayContaining([
        'datasets.createDataset',
        'datasets.listDatasets',
        'datasets.getDataset',
        'datasets.updateDataset',
        'datasets.deleteDataset',
        'datasets.createUploadUrl',
        'datasets.uploadSource',
        'datasets.ingestDataset',
      ]),
    );
    expect(Object.keys(doc.paths['/api/v1/datasets/{id}/ingest'].post.responses).sort()).toEqual(['202', '400', '401', '403', '404', '409', '413', '429', '500']);
  });

  it('answers 201 with the dataset’s URL in Location', async () => {
    const t = await team(atoll);
    const { body, headers } = await request(atoll, 'POST', '/api/v1/datasets', t.member, { tenant: t.tenant.id, body: { name: uniqueName('loc'), kind: 'table', format: 'csv' }, status: 201 });
    expect(headers.get('location')).toBe(`/api/v1/datasets/${body.dataset.id}`);
    expect(await call(atoll, 'GET', headers.get('location')!, t.viewer, { tenant: t.tenant.id, status: 200 })).toEqual(body.dataset);
  });

  it('creates a dataset with a presigned upload, lists, reads, updates and deletes it', async () => {
    const t = await team(atoll);
    const name = uniqueName('cpu');
    const created = await newDataset(atoll, t.member, t.tenant.id, { name, description: 'CPU', size: 12, contentType: 'text/csv' });
    expect(created.dataset).toMatchObject({ name, kind: 'metric', format: 'csv', status: 'created', rowCount: 0, skippedCount: 0, rowErrors: [], description: 'CPU' });
    expect(created.upload).toMatchObject({ method: 'PUT', headers: { 'content-length': '12', 'content-type': 'text/csv' } });
    expect(created.upload.url).toContain(`tenants/${t.tenant.id}/datasets/${created.dataset.id}/source`);
    const withoutSize = await newDataset(atoll, t.member, t.tenant.id, { kind: 'table' });
    expect(withoutSize.upload).toBeNull();

    const page = await call(atoll, 'GET', '/api/v1/datasets?limit=1', t.viewer, { tenant: t.tenant.id, status: 200 });
    expect(page.items.map((d: { id: string }) => d.id)).toEqual([withoutSize.dataset.id]);
    const next = await call(atoll, 'GET', `/api/v1/datasets?limit=1&cursor=${page.nextCursor}`, t.viewer, { tenant: t.tenant.id, status: 200 });
    expect(next.items.map((d: { id: string }) => d.id)).toEqual([created.dataset.id]);
    expect(next.nextCursor).toBeNull();
    const tables = await call(atoll, 'GET', '/api/v1/datasets?kind=table&status=created', t.viewer, { tenant: t.tenant.id, status: 200 });
    expect(tables.items.map((d: { id: string }) => d.id)).toEqual([withoutSize.dataset.id]);

    const got = await call(atoll, 'GET', `/api/v1/datasets/${created.dataset.id}`, t.viewer, { tenant: t.tenant.id, status: 200 });
    expect(got).toEqual(created.dataset);
    const updated = await call(atoll, 'PATCH', `/api/v1/datasets/${created.dataset.id}`, t.member, { tenant: t.tenant.id, body: { description: null }, status: 200 });
    expect(updated.description).toBeNull();

    await call(atoll, 'DELETE', `/api/v1/datasets/${created.dataset.id}`, t.owner, { tenant: t.tenant.id, status: 204 });
    await call(atoll, 'GET', `/api/v1/datasets/${created.dataset.id}`, t.viewer, { tenant: t.tenant.id, status: 404, code: 'DATASETS_NOT_FOUND' });
  });

  it('refuses bad bodies, table+json, duplicate names (ignoring case), oversized files and foreign cursors', async () => {
    const t = await team(atoll);
    const tenant = t.tenant.id;
    const bad = await call(atoll, 'POST', '/api/v1/datasets', t.member, { tenant, body: { name: '1bad name', kind: 'metric', format: 'csv' }, status: 400 });
    expect(bad.errors.map((e: { path: string }) => e.path)).toContain('name');
    await call(atoll, 'POST', '/api/v1/datasets', t.member, { tenant, body: { name: 'x', kind: 'graph', format: 'csv' }, status: 400 });
    await call(atoll, 'POST', '/api/v1/datasets', t.member, { tenant, body: { name: uniqueName(), kind: 'table', format: 'json' }, status: 400, code: 'DATASETS_INVALID_FORMAT' });
    const name = uniqueName('Sales');
    await newDataset(atoll, t.member, tenant, { name });
    await call(atoll, 'POST', '/api/v1/datasets', t.member, { tenant, body: { name: name.toLowerCase(), kind: 'metric', format: 'csv' }, status: 409, code: 'DATASETS_NAME_TAKEN' });
    await call(small, 'POST', '/api/v1/datasets', t.member, { tenant, body: { name: uniqueName(), kind: 'metric', format: 'csv', size: 51 }, status: 413, code: 'DATASETS_TOO_LARGE' });
    await call(atoll, 'GET', '/api/v1/datasets?cursor=bm90LWEtY3Vyc29y', t.viewer, { tenant, status: 400, code: 'DATASETS_INVALID_CURSOR' });
    await call(atoll, 'GET', '/api/v1/datasets?limit=101', t.viewer, { tenant, status: 400 });
    await call(atoll, 'GET', '/api/v1/datasets/not-a-uuid', t.viewer, { tenant, status: 400 });
  });

  it('keeps tenants apart and enforces roles: viewers read, members write, admins delete', async () => {
    const t = await team(atoll);
    const other = await team(atoll, 'other');
    const { dataset } = await newDataset(atoll, t.member, t.tenant.id);
    await call(atoll, 'GET', '/api/v1/datasets', null, { tenant: t.tenant.id, status: 401 });
    await call(atoll, 'GET', `/api/v1/datasets/${dataset.id}`, other.owner, { tenant: t.tenant.id, status: 404 });
    await call(atoll, 'GET', `/api/v1/datasets/${dataset.id}`, other.owner, { tenant: other.tenant.id, status: 404, code: 'DATASETS_NOT_FOUND' });
    await call(atoll, 'POST', `/api/v1/datasets/${dataset.id}/ingest`, other.owner, { tenant: other.tenant.id, status: 404 });
    await call(atoll, 'DELETE', `/api/v1/datasets/${dataset.id}`, other.owner, { tenant: other.tenant.id, status: 404 });
    await call(atoll, 'POST', '/api/v1/datasets', t.viewer, { tenant: t.tenant.id, body: { name: uniqueName(), kind: 'metric', format: 'csv' }, status: 403 });
    await call(atoll, 'POST', `/api/v1/datasets/${dataset.id}/ingest`, t.viewer, { tenant: t.tenant.id, status: 403 });
    await call(atoll, 'POST', `/api/v1/datasets/${dataset.id}/upload-url`, t.viewer, { tenant: t.tenant.id, body: { size: 1 }, status: 403 });
    await call(atoll, 'DELETE', `/api/v1/datasets/${dataset.id}`, t.member, { tenant: t.tenant.id, status: 403 });
    const list = await call(atoll, 'GET', '/api/v1/datasets', other.owner, { tenant: other.tenant.id, status: 200 });
    expect(list.items).toEqual([]);
  });
});

describe('uploads and the ingest call', () => {
  it('gives fresh upload URLs, refused while a run is queued or ingesting, and over the size limit', async () => {
    const t = await team(atoll);
    const { dataset } = await newDataset(atoll, t.member, t.tenant.id);
    const target = await call(atoll, 'POST', `/api/v1/datasets/${dataset.id}/upload-url`, t.member, { tenant: t.tenant.id, body: { size: 8 }, status: 201 });
    expect((await fetch(target.url, { method: 'PUT', headers: target.headers, body: 'value\n1\n' })).status).toBe(200);
    await call(atoll, 'POST', `/api/v1/datasets/${dataset.id}/upload-url`, t.member, { tenant: t.tenant.id, body: {}, status: 400 });
    await call(small, 'POST', `/api/v1/datasets/${dataset.id}/upload-url`, t.member, { tenant: t.tenant.id, body: { size: 51 }, status: 413, code: 'DATASETS_TOO_LARGE' });
    await forceStatus(atoll, t.tenant.id, dataset.id, 'ingesting');
    await call(atoll, 'POST', `/api/v1/datasets/${dataset.id}/upload-url`, t.member, { tenant: t.tenant.id, body: { size: 8 }, status: 409, code: 'DATASETS_INGEST_IN_PROGRESS' });
    await call(atoll, 'POST', `/api/v1/datasets/${dataset.id}/ingest`, t.member, { tenant: t.tenant.id, status: 409, code: 'DATASETS_INGEST_IN_PROGRESS' });
    expect((await uploadForm(atoll, t.member, t.tenant.id, dataset.id, 'value\n1\n')).body.code).toBe('DATASETS_INGEST_IN_PROGRESS');
  });

  it('refuses ingest before an upload (409) and of a file over DATASETS_MAX_UPLOAD_BYTES (413)', async () => {
    const t = await team(atoll);
    const { dataset } = await newDataset(atoll, t.member, t.tenant.id);
    await call(atoll, 'POST', `/api/v1/datasets/${dataset.id}/ingest`, t.member, { tenant: t.tenant.id, status: 409, code: 'DATASETS_NO_UPLOAD' });
    await storage.put(`tenants/${t.tenant.id}/datasets/${dataset.id}/source`, `value\n${'1\n'.repeat(30)}`);
    await call(small, 'POST', `/api/v1/datasets/${dataset.id}/ingest`, t.member, { tenant: t.tenant.id, status: 413, code: 'DATASETS_TOO_LARGE' });
  });

  it('takes small files through the API (multipart), with ingest=true queueing right away', async () => {
    const t = await team(atoll);
    const { dataset } = await newDataset(atoll, t.member, t.tenant.id);
    const uploaded = await uploadForm(atoll, t.member, t.tenant.id, dataset.id, 'metric,value\ncpu,1\ncpu,2\n', '?ingest=true');
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(200);
    expect(uploaded.body.status).toBe('queued');
    const done = await waitForIngest(atoll, t.member, t.tenant.id, dataset.id);
    expect(done).toMatchObject({ status: 'ready', rowCount: 2, skippedCount: 0, sizeBytes: 25 });
    expect((await uploadForm(atoll, t.member, t.tenant.id, dataset.id, null)).body.code).toBe('DATASETS_BAD_UPLOAD');
    const big = await uploadForm(small, t.member, t.tenant.id, dataset.id, 'value\n'.padEnd(41, '1'));
    expect(big.status, JSON.stringify(big.body)).toBe(413);
  });

  it('deletes the rows and the stored file with the dataset', async () => {
    const t = await team(atoll);
    const dataset = await datasetWithUpload(atoll, t.member, t.tenant.id, 'value\n1\n2\n');
    await call(atoll, 'POST', `/api/v1/datasets/${dataset.id}/ingest`, t.member, { tenant: t.tenant.id, status: 202 });
    expect((await waitForIngest(atoll, t.member, t.tenant.id, dataset.id)).rowCount).toBe(2);
    const prefix = `tenants/${t.tenant.id}/datasets/${dataset.id}/`;
    expect(await keysUnder(prefix)).toEqual([`${prefix}source`]);
    await call(atoll, 'DELETE', `/api/v1/datasets/${dataset.id}`, t.owner, { tenant: t.tenant.id, status: 204 });
    expect(await keysUnder(prefix)).toEqual([]);
    const left = await inTenant(atoll, t.tenant.id, (tx) => tx.execute(sql`select count(*)::int as n from datasets_metric_points where dataset_id = ${dataset.id}`));
    expect(left.rows[0]).toEqual({ n: 0 });
  });
});
