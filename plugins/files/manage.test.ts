import { beforeAll, describe, expect, it } from 'vitest';
import { ownerWithTenant } from '../../test/worker/seed';
import type { AtollApp } from '../../worker/app';
import { api, apiRequest, bootFiles, q, rawRequest, storage, upload } from './testing';

let atoll: AtollApp;
beforeAll(async () => {
  atoll = await bootFiles();
});

const paths = (list: { files: { path: string }[] }) => list.files.map((f) => f.path);

/** Puts `count` small objects straight into the tenant's folder, 50 at a time. */
async function fill(tenantId: string, folder: string, count: number) {
  const names = Array.from({ length: count }, (_, i) => `${folder}f${String(i).padStart(5, '0')}.txt`);
  for (let i = 0; i < names.length; i += 50) await Promise.all(names.slice(i, i + 50).map((n) => storage.put(`tenants/${tenantId}/files/${n}`, 'x')));
  return names;
}

describe('GET /api/v1/files (list)', () => {
  it('lists folders with a delimiter, flat without, and filters by prefix', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    for (const p of ['a.txt', 'docs/b.txt', 'docs/sub/c.txt', 'dogs.txt']) await upload(atoll, owner, tenant.id, p, p);
    await api(atoll, 'POST', '/api/v1/files/folders', owner, { tenant: tenant.id, body: { path: 'empty' }, status: 201 });
    const top = await api(atoll, 'GET', '/api/v1/files?delimiter=/', owner, { tenant: tenant.id, status: 200 });
    expect(paths(top)).toEqual(['a.txt', 'dogs.txt']);
    expect(top.folders).toEqual(['docs/', 'empty/']);
    expect(top.nextCursor).toBeNull();
    const docs = await api(atoll, 'GET', '/api/v1/files?prefix=docs/&delimiter=/', owner, { tenant: tenant.id, status: 200 });
    expect(paths(docs)).toEqual(['docs/b.txt']);
    expect(docs.folders).toEqual(['docs/sub/']);
    const flat = await api(atoll, 'GET', '/api/v1/files', owner, { tenant: tenant.id, status: 200 });
    expect(paths(flat)).toEqual(['a.txt', 'docs/b.txt', 'docs/sub/c.txt', 'dogs.txt']); // folder markers are not files
    const dPrefix = await api(atoll, 'GET', '/api/v1/files?prefix=do', owner, { tenant: tenant.id, status: 200 });
    expect(paths(dPrefix)).toEqual(['docs/b.txt', 'docs/sub/c.txt', 'dogs.txt']);
  });

  it('pages past 1,000 objects with the cursor', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    const names = await fill(tenant.id, 'many/', 1005);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: any = await api(atoll, 'GET', `/api/v1/files?prefix=many/&limit=1000${cursor ? `&cursor=${q(cursor)}` : ''}`, owner, { tenant: tenant.id, status: 200 });
      seen.push(...paths(page));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 5);
    expect(pages).toBe(2);
    expect(seen).toEqual(names);
    const small = await api(atoll, 'GET', '/api/v1/files?prefix=many/&limit=2', owner, { tenant: tenant.id, status: 200 });
    expect(paths(small)).toEqual(names.slice(0, 2));
  }, 60_000);

  it('validates limit, delimiter, prefix and cursor (400)', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    for (const query of ['limit=0', 'limit=1001', 'delimiter=x']) await api(atoll, 'GET', `/api/v1/files?${query}`, owner, { tenant: tenant.id, status: 400, code: 'KERNEL_VALIDATION' });
    await api(atoll, 'GET', '/api/v1/files?prefix=../', owner, { tenant: tenant.id, status: 400, code: 'FILES_INVALID_PATH' });
    await api(atoll, 'GET', '/api/v1/files?cursor=not!a!cursor', owner, { tenant: tenant.id, status: 400, code: 'KERNEL_STORAGE_BAD_CURSOR' });
  });
});

describe('deleting files', () => {
  it('DELETE /files deletes one file (204, then 404) and audits it', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    await upload(atoll, owner, tenant.id, 'gone.txt', 'bye');
    await api(atoll, 'DELETE', '/api/v1/files?path=gone.txt', owner, { tenant: tenant.id, status: 204 });
    await api(atoll, 'DELETE', '/api/v1/files?path=gone.txt', owner, { tenant: tenant.id, status: 404, code: 'FILES_NOT_FOUND' });
    const audit = await api(atoll, 'GET', `/api/v1/tenants/${tenant.id}/audit`, owner, { status: 200 });
    expect(audit.items).toContainEqual(expect.objectContaining({ action: 'files.deleted', targetId: 'gone.txt', actorId: owner.userId }));
  });

  it('POST /files/delete deletes up to 1,000 paths and refuses more (400)', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    for (const p of ['x/1.txt', 'x/2.txt', 'keep.txt']) await upload(atoll, owner, tenant.id, p, p);
    const out = await api(atoll, 'POST', '/api/v1/files/delete', owner, { tenant: tenant.id, body: { paths: ['x/1.txt', 'x/2.txt', 'never.txt'] }, status: 200 });
    expect(out).toEqual({ deleted: ['x/1.txt', 'x/2.txt', 'never.txt'], failed: [] });
    expect(paths(await api(atoll, 'GET', '/api/v1/files', owner, { tenant: tenant.id, status: 200 }))).toEqual(['keep.txt']);
    const tooMany = Array.from({ length: 1001 }, (_, i) => `f${i}`);
    await api(atoll, 'POST', '/api/v1/files/delete', owner, { tenant: tenant.id, body: { paths: tooMany }, status: 400, code: 'KERNEL_VALIDATION' });
    await api(atoll, 'POST', '/api/v1/files/delete', owner, { tenant: tenant.id, body: { paths: [] }, status: 400, code: 'KERNEL_VALIDATION' });
    const bad = await api(atoll, 'POST', '/api/v1/files/delete', owner, { tenant: tenant.id, body: { paths: ['ok.txt', '../x'] }, status: 400, code: 'FILES_INVALID_PATH' });
    expect(bad.errors).toEqual([expect.objectContaining({ path: 'paths.1' })]);
    const audit = await api(atoll, 'GET', `/api/v1/tenants/${tenant.id}/audit`, owner, { status: 200 });
    expect(audit.items).toContainEqual(expect.objectContaining({ action: 'files.deleted_many', data: expect.objectContaining({ count: 3 }) }));
  });
});

describe('folders', () => {
  it('creates an empty folder (201), refuses an existing one (409)', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    const created = await apiRequest(atoll, 'POST', '/api/v1/files/folders', owner, { tenant: tenant.id, body: { path: 'new/folder' }, status: 201 });
    expect(created.body).toEqual({ path: 'new/folder/' });
    expect(await storage.head(`tenants/${tenant.id}/files/new/folder/`)).toMatchObject({ size: 0 });
    expect(created.headers.get('location')).toBe(`/api/v1/files?prefix=${q('new/folder/')}&delimiter=/`);
    expect(await api(atoll, 'GET', created.headers.get('location')!, owner, { tenant: tenant.id, status: 200 })).toEqual({ files: [], folders: [], nextCursor: null });
    await api(atoll, 'POST', '/api/v1/files/folders', owner, { tenant: tenant.id, body: { path: 'new/folder/' }, status: 409, code: 'FILES_EXISTS' });
    await upload(atoll, owner, tenant.id, 'implicit/a.txt', 'a');
    await api(atoll, 'POST', '/api/v1/files/folders', owner, { tenant: tenant.id, body: { path: 'implicit' }, status: 409, code: 'FILES_EXISTS' });
    await api(atoll, 'POST', '/api/v1/files/folders', owner, { tenant: tenant.id, body: { path: 'a//b' }, status: 400, code: 'FILES_INVALID_PATH' });
    await api(atoll, 'POST', '/api/v1/files/folders', owner, { tenant: tenant.id, body: {}, status: 400, code: 'KERNEL_VALIDATION' });
  });

  it('deletes a folder of more than 1,000 objects recursively, and only that folder', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    await fill(tenant.id, 'bulk/', 1003);
    await upload(atoll, owner, tenant.id, 'bulk/deep/er/x.txt', 'x');
    await upload(atoll, owner, tenant.id, 'bulk-sibling.txt', 'stays');
    const out = await api(atoll, 'DELETE', '/api/v1/files/folders?path=bulk', owner, { tenant: tenant.id, status: 200 });
    expect(out).toEqual({ deleted: 1004, failed: 0 });
    expect(paths(await api(atoll, 'GET', '/api/v1/files', owner, { tenant: tenant.id, status: 200 }))).toEqual(['bulk-sibling.txt']);
    await api(atoll, 'DELETE', '/api/v1/files/folders?path=bulk', owner, { tenant: tenant.id, status: 404, code: 'FILES_FOLDER_NOT_FOUND' });
    const audit = await api(atoll, 'GET', `/api/v1/tenants/${tenant.id}/audit`, owner, { status: 200 });
    expect(audit.items).toContainEqual(expect.objectContaining({ action: 'files.folder_deleted', targetId: 'bulk/', data: { deleted: 1004, failed: 0 } }));
  }, 60_000);
});

describe('copy and move', () => {
  it('copies (201) and moves (200), refusing existing targets unless overwrite=true (409)', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    await upload(atoll, owner, tenant.id, 'src.txt', 'source', { type: 'text/plain' });
    await upload(atoll, owner, tenant.id, 'other.txt', 'other');
    const { body: copy, headers } = await apiRequest(atoll, 'POST', '/api/v1/files/copy', owner, { tenant: tenant.id, body: { from: 'src.txt', to: 'copies/src.txt' }, status: 201 });
    expect(copy).toMatchObject({ path: 'copies/src.txt', size: 6, contentType: 'text/plain' });
    expect(headers.get('location')).toBe(`/api/v1/files/content?path=${q('copies/src.txt')}`);
    expect(await (await rawRequest(atoll, 'GET', headers.get('location')!, owner, tenant.id)).text()).toBe('source');
    await api(atoll, 'POST', '/api/v1/files/copy', owner, { tenant: tenant.id, body: { from: 'src.txt', to: 'other.txt' }, status: 409, code: 'FILES_EXISTS' });
    await api(atoll, 'POST', '/api/v1/files/move', owner, { tenant: tenant.id, body: { from: 'src.txt', to: 'other.txt' }, status: 409, code: 'FILES_EXISTS' });
    const moved = await api(atoll, 'POST', '/api/v1/files/move', owner, { tenant: tenant.id, body: { from: 'src.txt', to: 'other.txt', overwrite: true }, status: 200 });
    expect(moved).toMatchObject({ path: 'other.txt', size: 6 });
    expect(await (await rawRequest(atoll, 'GET', '/api/v1/files/content?path=other.txt', owner, tenant.id)).text()).toBe('source');
    await api(atoll, 'GET', '/api/v1/files/metadata?path=src.txt', owner, { tenant: tenant.id, status: 404 });
    const audit = await api(atoll, 'GET', `/api/v1/tenants/${tenant.id}/audit`, owner, { status: 200 });
    expect(audit.items).toContainEqual(expect.objectContaining({ action: 'files.moved', targetId: 'src.txt', data: { to: 'other.txt', overwrite: true } }));
  });

  it('answers 404 for a missing source and 400 for the same path or a bad one', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    await api(atoll, 'POST', '/api/v1/files/copy', owner, { tenant: tenant.id, body: { from: 'none.txt', to: 'x.txt' }, status: 404, code: 'FILES_NOT_FOUND' });
    await api(atoll, 'POST', '/api/v1/files/move', owner, { tenant: tenant.id, body: { from: 'none.txt', to: 'x.txt' }, status: 404, code: 'FILES_NOT_FOUND' });
    await api(atoll, 'POST', '/api/v1/files/move', owner, { tenant: tenant.id, body: { from: 'a.txt', to: 'a.txt' }, status: 400, code: 'FILES_SAME_PATH' });
    const bad = await api(atoll, 'POST', '/api/v1/files/copy', owner, { tenant: tenant.id, body: { from: 'a.txt', to: '/etc/x' }, status: 400, code: 'FILES_INVALID_PATH' });
    expect(bad.errors).toEqual([expect.objectContaining({ location: 'body', path: 'to' })]);
    await api(atoll, 'POST', '/api/v1/files/copy', owner, { tenant: tenant.id, body: { from: 'a.txt' }, status: 400, code: 'KERNEL_VALIDATION' });
  });
});

describe('presigned URLs', () => {
  it('presigns a download (default 15 min, at most 7 days) that works', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    await upload(atoll, owner, tenant.id, 'share/me.txt', 'shared');
    const signed = await api(atoll, 'POST', '/api/v1/files/presign-download', owner, { tenant: tenant.id, body: { path: 'share/me.txt' }, status: 200 });
    expect(new URL(signed.url).searchParams.get('X-Amz-Expires')).toBe('900');
    expect(signed.method).toBe('GET');
    const got = await fetch(signed.url);
    expect(await got.text()).toBe('shared');
    const week = await api(atoll, 'POST', '/api/v1/files/presign-download', owner, { tenant: tenant.id, body: { path: 'share/me.txt', expiresIn: 604800 }, status: 200 });
    expect(new URL(week.url).searchParams.get('X-Amz-Expires')).toBe('604800');
    const tooLong = await api(atoll, 'POST', '/api/v1/files/presign-download', owner, { tenant: tenant.id, body: { path: 'share/me.txt', expiresIn: 604801 }, status: 400, code: 'KERNEL_VALIDATION' });
    expect(tooLong.errors[0]).toMatchObject({ path: 'expiresIn' });
    await api(atoll, 'POST', '/api/v1/files/presign-download', owner, { tenant: tenant.id, body: { path: 'missing.txt' }, status: 404, code: 'FILES_NOT_FOUND' });
  });

  it('presigns an upload of a fixed size (at most 1 h, at most the upload limit) that works', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    const signed = await api(atoll, 'POST', '/api/v1/files/presign-upload', owner, { tenant: tenant.id, body: { path: 'up/direct.txt', size: 6, contentType: 'text/plain' }, status: 200 });
    expect(signed).toMatchObject({ method: 'PUT', headers: { 'content-length': '6', 'content-type': 'text/plain' } });
    expect(new URL(signed.url).searchParams.get('X-Amz-Expires')).toBe('900');
    expect(new URL(signed.url).pathname).toContain(`/tenants/${tenant.id}/files/up/direct.txt`);
    expect((await fetch(signed.url, { method: 'PUT', headers: signed.headers, body: 'direct' })).status).toBe(200);
    expect(await api(atoll, 'GET', '/api/v1/files/metadata?path=up/direct.txt', owner, { tenant: tenant.id, status: 200 })).toMatchObject({ size: 6 });
    await api(atoll, 'POST', '/api/v1/files/presign-upload', owner, { tenant: tenant.id, body: { path: 'up/direct.txt', size: 6 }, status: 409, code: 'FILES_EXISTS' });
    await api(atoll, 'POST', '/api/v1/files/presign-upload', owner, { tenant: tenant.id, body: { path: 'up/direct.txt', size: 6, overwrite: true }, status: 200 });
    const hour = await api(atoll, 'POST', '/api/v1/files/presign-upload', owner, { tenant: tenant.id, body: { path: 'h.txt', size: 1, expiresIn: 3600 }, status: 200 });
    expect(new URL(hour.url).searchParams.get('X-Amz-Expires')).toBe('3600');
    await api(atoll, 'POST', '/api/v1/files/presign-upload', owner, { tenant: tenant.id, body: { path: 'h.txt', size: 1, expiresIn: 3601 }, status: 400, code: 'KERNEL_VALIDATION' });
    const big = await api(atoll, 'POST', '/api/v1/files/presign-upload', owner, { tenant: tenant.id, body: { path: 'h.txt', size: 100 * 1024 * 1024 + 1 }, status: 413, code: 'FILES_TOO_LARGE' });
    expect(big.errors[0]).toMatchObject({ path: 'size' });
    await api(atoll, 'POST', '/api/v1/files/presign-upload', owner, { tenant: tenant.id, body: { path: 'h.txt', size: -1 }, status: 400, code: 'KERNEL_VALIDATION' });
    await api(atoll, 'POST', '/api/v1/files/presign-upload', owner, { tenant: tenant.id, body: { path: 'h.txt', size: 1, contentType: 'text/html\r\nx: y' }, status: 400, code: 'KERNEL_VALIDATION' });
  });
});
