// Names up to the API's 255 bytes, against the real local S3 (s3rver). s3rver keeps each key
// segment as a file name plus ~22 characters and Linux stops at 255 bytes: a 234-255 byte name
// used to answer 503 and leave a half-written object that broke listing and `/health/ready`.
import { beforeAll, describe, expect, it } from 'vitest';
import { send } from '../../test/worker/harness';
import { ownerWithTenant } from '../../test/worker/seed';
import type { AtollApp } from '../../worker/app';
import { api, bootFiles, q, rawRequest, storage, upload } from './testing';

let atoll: AtollApp;
beforeAll(async () => {
  atoll = await bootFiles();
});

const bytes = (s: string) => new TextEncoder().encode(s).length;
// 255 bytes each: ASCII, and two-byte characters (é) so a cut inside a character would show.
const longFile = `${'n'.repeat(251)}.txt`;
const longFolder = `${'é'.repeat(127)}x`;
// What s3rver adds to a segment on disk (`._S3rver_metadata.json`).
const S3RVER_SUFFIX_BYTES = 22;

async function expectReady() {
  const res = await send(atoll, '/health/ready');
  expect(res.status, await res.clone().text()).toBe(200);
}

describe('255-byte names on the local S3', () => {
  it('upload, list, download, copy and delete work, keys stay storable, and readiness stays 200', async () => {
    expect([bytes(longFile), bytes(longFolder)]).toEqual([255, 255]);
    const { owner, tenant } = await ownerWithTenant(atoll);
    const path = `${longFolder}/${longFile}`;

    const stored = await upload(atoll, owner, tenant.id, path, 'long names work');
    expect(stored).toMatchObject({ path, size: 15 });
    await expectReady();

    // Every key segment fits a Linux file name with s3rver's suffix.
    const { objects } = await storage.list({ prefix: `tenants/${tenant.id}/files/` });
    expect(objects).toHaveLength(1);
    for (const segment of objects[0]!.key.split('/')) expect(bytes(segment) + S3RVER_SUFFIX_BYTES, segment).toBeLessThanOrEqual(255);

    const flat = await api(atoll, 'GET', '/api/v1/files', owner, { tenant: tenant.id, status: 200 });
    expect(flat.files.map((f: { path: string }) => f.path)).toEqual([path]);
    const top = await api(atoll, 'GET', '/api/v1/files?delimiter=/', owner, { tenant: tenant.id, status: 200 });
    expect(top).toMatchObject({ files: [], folders: [`${longFolder}/`] });
    const inside = await api(atoll, 'GET', `/api/v1/files?delimiter=/&prefix=${q(`${longFolder}/`)}`, owner, { tenant: tenant.id, status: 200 });
    expect(inside.files.map((f: { path: string }) => f.path)).toEqual([path]);

    const download = await rawRequest(atoll, 'GET', `/api/v1/files/content?path=${q(path)}`, owner, tenant.id);
    expect(download.status).toBe(200);
    expect(await download.text()).toBe('long names work');
    const meta = await api(atoll, 'GET', `/api/v1/files/metadata?path=${q(path)}`, owner, { tenant: tenant.id, status: 200 });
    expect(meta).toMatchObject({ path, size: 15 });

    // An existing long name is found (409), and a copy to another long name lists under its name.
    await upload(atoll, owner, tenant.id, path, 'again', { status: 409, code: 'FILES_EXISTS' });
    const copyName = `${'c'.repeat(250)}.copy`;
    await api(atoll, 'POST', '/api/v1/files/copy', owner, { tenant: tenant.id, body: { from: path, to: copyName }, status: 201 });
    const both = await api(atoll, 'GET', '/api/v1/files', owner, { tenant: tenant.id, status: 200 });
    expect(both.files.map((f: { path: string }) => f.path).sort()).toEqual([copyName, path].sort());

    await api(atoll, 'DELETE', `/api/v1/files?path=${q(path)}`, owner, { tenant: tenant.id, status: 204 });
    await api(atoll, 'DELETE', `/api/v1/files?path=${q(path)}`, owner, { tenant: tenant.id, status: 404, code: 'FILES_NOT_FOUND' });
    const removed = await api(atoll, 'POST', '/api/v1/files/delete', owner, { tenant: tenant.id, body: { paths: [copyName] }, status: 200 });
    expect(removed).toEqual({ deleted: [copyName], failed: [] });
    const empty = await api(atoll, 'GET', '/api/v1/files', owner, { tenant: tenant.id, status: 200 });
    expect(empty.files).toEqual([]);
    await expectReady();
  });
});
