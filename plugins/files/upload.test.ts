import { beforeAll, describe, expect, it } from 'vitest';
import { ownerWithTenant } from '../../test/worker/seed';
import type { AtollApp } from '../../worker/app';
import { api, bootFiles, formRequest, postForm, q, rawRequest, storage, upload } from './testing';

let atoll: AtollApp;
let small: AtollApp;
beforeAll(async () => {
  atoll = await bootFiles();
  small = await bootFiles({ FILES_MAX_UPLOAD_BYTES: '1000' });
});

const sha256 = async (bytes: ArrayBuffer | Uint8Array) => btoa(String.fromCharCode(...new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))));

describe('POST /api/v1/files (multipart upload)', () => {
  it('stores a file under the tenant prefix with its content type', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    const { body: file, headers } = await formRequest(atoll, '/api/v1/files', owner, {
      tenant: tenant.id,
      fields: { path: 'docs/hello.txt' },
      files: [{ field: 'file', name: 'hello.txt', content: 'hello, files', type: 'text/plain' }],
      status: 201,
    });
    expect(file).toMatchObject({ path: 'docs/hello.txt', size: 12, contentType: 'text/plain' });
    const stored = await storage.head(`tenants/${tenant.id}/files/docs/hello.txt`);
    expect(stored).toMatchObject({ size: 12, contentType: 'text/plain' });
    expect(headers.get('location')).toBe(`/api/v1/files/content?path=${q('docs/hello.txt')}`);
    expect(await (await rawRequest(atoll, 'GET', headers.get('location')!, owner, tenant.id)).text()).toBe('hello, files');
  });

  it('streams a file larger than one 5 MiB part through a multipart upload', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    const bytes = new Uint8Array(6 * 1024 * 1024 + 123).map((_, i) => (i * 31) % 256);
    const file = await upload(atoll, owner, tenant.id, 'big/data.bin', bytes);
    expect(file).toMatchObject({ path: 'big/data.bin', size: bytes.length, contentType: 'application/octet-stream' });
    const res = await rawRequest(atoll, 'GET', `/api/v1/files/content?path=${q('big/data.bin')}`, owner, tenant.id);
    expect(res.status).toBe(200);
    const back = await res.arrayBuffer();
    expect(back.byteLength).toBe(bytes.length);
    expect(await sha256(back)).toBe(await sha256(bytes));
  });

  it('refuses an existing name with 409 unless overwrite=true', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    await upload(atoll, owner, tenant.id, 'a.txt', 'one');
    await upload(atoll, owner, tenant.id, 'a.txt', 'two', { status: 409, code: 'FILES_EXISTS' });
    await upload(atoll, owner, tenant.id, 'a.txt', 'two', { overwrite: false, status: 409, code: 'FILES_EXISTS' });
    expect(await (await rawRequest(atoll, 'GET', '/api/v1/files/content?path=a.txt', owner, tenant.id)).text()).toBe('one');
    await upload(atoll, owner, tenant.id, 'a.txt', 'three!', { overwrite: true });
    expect(await (await rawRequest(atoll, 'GET', '/api/v1/files/content?path=a.txt', owner, tenant.id)).text()).toBe('three!');
  });

  it('answers 413 for a file over FILES_MAX_UPLOAD_BYTES and keeps nothing', async () => {
    const { owner, tenant } = await ownerWithTenant(small);
    await upload(small, owner, tenant.id, 'ok.bin', new Uint8Array(1000));
    // Within the request limit (file limit + form overhead) but over the file limit: stopped while streaming.
    const over = await upload(small, owner, tenant.id, 'over.bin', new Uint8Array(1001), { status: 413, code: 'FILES_TOO_LARGE' });
    expect(over.errors).toEqual([{ location: 'body', path: 'file', message: 'At most 1000 bytes' }]);
    expect(await storage.head(`tenants/${tenant.id}/files/over.bin`)).toBeNull();
    // Far over: a streamed body (no content-length here) stops at the first limit it reaches.
    await upload(small, owner, tenant.id, 'huge.bin', new Uint8Array(2 * 1024 * 1024), { status: 413, code: 'FILES_TOO_LARGE' });
    expect(await storage.head(`tenants/${tenant.id}/files/huge.bin`)).toBeNull();
  });

  it('validates the form: multipart only, path before the file, one file, a valid path (400)', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    const json = await api(atoll, 'POST', '/api/v1/files', owner, { tenant: tenant.id, body: { path: 'x' }, status: 400, code: 'FILES_BAD_UPLOAD' });
    expect(json.errors[0]).toMatchObject({ location: 'header', path: 'content-type' });
    const noPath = await postForm(atoll, '/api/v1/files', owner, { tenant: tenant.id, files: [{ field: 'file', name: 'x.txt', content: 'x' }], status: 400, code: 'FILES_BAD_UPLOAD' });
    expect(noPath.errors[0]).toMatchObject({ path: 'path' });
    const noFile = await postForm(atoll, '/api/v1/files', owner, { tenant: tenant.id, fields: { path: 'x.txt' }, status: 400, code: 'FILES_BAD_UPLOAD' });
    expect(noFile.errors[0]).toMatchObject({ path: 'file' });
    await postForm(atoll, '/api/v1/files', owner, {
      tenant: tenant.id,
      fields: { path: 'x.txt' },
      files: [
        { field: 'file', name: 'a', content: 'a' },
        { field: 'file', name: 'b', content: 'b' },
      ],
      status: 400,
      code: 'FILES_BAD_UPLOAD',
    });
    expect(await storage.head(`tenants/${tenant.id}/files/x.txt`)).toBeNull();
    for (const bad of ['../x.txt', '/abs.txt', 'a\\b.txt', 'a//b.txt', 'nul\u0000.txt', 'dir/']) {
      const body = await upload(atoll, owner, tenant.id, bad, 'x', { status: 400, code: 'FILES_INVALID_PATH' });
      expect(body.errors[0], bad).toMatchObject({ location: 'body', path: 'path' });
    }
  });
});

describe('POST /api/v1/files/batch (upload several)', () => {
  it('stores each file under its own name in the folder', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    const { body: out, headers } = await formRequest(atoll, '/api/v1/files/batch', owner, {
      tenant: tenant.id,
      fields: { folder: 'inbox' },
      files: [
        { field: 'files', name: 'one.txt', content: '1', type: 'text/plain' },
        { field: 'files', name: 'two.csv', content: 'a,b\n', type: 'text/csv' },
      ],
      status: 201,
    });
    expect(out.items).toMatchObject([
      { path: 'inbox/one.txt', size: 1, contentType: 'text/plain' },
      { path: 'inbox/two.csv', size: 4, contentType: 'text/csv' },
    ]);
    // Location: the folder's listing, which names every file the batch stored.
    expect(headers.get('location')).toBe(`/api/v1/files?prefix=${q('inbox/')}&delimiter=/`);
    const list = await api(atoll, 'GET', headers.get('location')!, owner, { tenant: tenant.id, status: 200 });
    expect(list.files.map((f: { path: string }) => f.path)).toEqual(['inbox/one.txt', 'inbox/two.csv']);
  });

  it('removes what it created when a later file conflicts (409), and refuses bad names (400)', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    await upload(atoll, owner, tenant.id, 'inbox/taken.txt', 'old');
    await postForm(atoll, '/api/v1/files/batch', owner, {
      tenant: tenant.id,
      fields: { folder: 'inbox/' },
      files: [
        { field: 'files', name: 'new.txt', content: 'n' },
        { field: 'files', name: 'taken.txt', content: 'x' },
      ],
      status: 409,
      code: 'FILES_EXISTS',
    });
    expect(await storage.head(`tenants/${tenant.id}/files/inbox/new.txt`)).toBeNull();
    expect(await (await rawRequest(atoll, 'GET', '/api/v1/files/content?path=inbox/taken.txt', owner, tenant.id)).text()).toBe('old');
    await postForm(atoll, '/api/v1/files/batch', owner, {
      tenant: tenant.id,
      fields: { folder: '../x' },
      files: [{ field: 'files', name: 'a', content: 'a' }],
      status: 400,
      code: 'FILES_INVALID_PATH',
    });
    await postForm(atoll, '/api/v1/files/batch', owner, { tenant: tenant.id, files: [{ field: 'files', name: '..', content: 'a' }], status: 400, code: 'FILES_INVALID_PATH' });
    await postForm(atoll, '/api/v1/files/batch', owner, { tenant: tenant.id, fields: { folder: 'x' }, status: 400, code: 'FILES_BAD_UPLOAD' });
    await postForm(atoll, '/api/v1/files/batch', owner, {
      tenant: tenant.id,
      fields: { folder: 'dup' },
      files: [
        { field: 'files', name: 'same.txt', content: 'a' },
        { field: 'files', name: 'same.txt', content: 'b' },
      ],
      status: 400,
      code: 'FILES_BAD_UPLOAD',
    });
    expect(await storage.head(`tenants/${tenant.id}/files/dup/same.txt`)).toBeNull();
    const many = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`f${i}`, 'x']));
    await postForm(atoll, '/api/v1/files/batch', owner, { tenant: tenant.id, fields: many, files: [{ field: 'files', name: 'a', content: 'a' }], status: 400, code: 'FILES_BAD_UPLOAD' });
  });
});
