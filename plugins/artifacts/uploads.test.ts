import { describe, expect, it, vi } from 'vitest';
import { apiKeyOf } from '../../test/worker/seed';
import { bootProjects, ownerWithTenant } from '../projects/testing';
import { request } from '../tenants/testing';
import { call, keysUnder, newArtifact, sha256, storage, teamWithProject, uploadVersion } from './testing';

vi.setConfig({ testTimeout: 30_000 });
const atoll = await bootProjects({ ARTIFACTS_MAX_CONTENT_BYTES: '1000' });
const A = (id: string) => `/api/v1/artifacts/${id}`;

async function setup() {
  const t = await teamWithProject(atoll, 'up');
  const artifact = await newArtifact(atoll, t.member, t.tenant.id, t.project.id, { name: 'report final.csv', kind: 'report' });
  return { ...t, artifact };
}

/** GET content as `who`, with extra headers; returns status, headers and text. */
async function content(who: { headers(t?: string): Record<string, string> }, tenant: string, path: string, extra: Record<string, string> = {}) {
  const { send } = await import('../../test/worker/harness');
  const res = await send(atoll, path, { headers: { ...who.headers(tenant), ...extra } });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

describe('versioned content: presigned PUT, complete, download', () => {
  it('keeps every version downloadable, streamed and presigned', async () => {
    const { member, viewer, tenant, artifact } = await setup();
    const v1 = await uploadVersion(atoll, member, tenant.id, artifact.id, 'a,b\n1,2\n', 'text/csv');
    expect(v1).toMatchObject({ version: 1, size: 8, checksum: await sha256('a,b\n1,2\n'), contentType: 'text/csv', createdBy: member.userId });
    const v2 = await uploadVersion(atoll, member, tenant.id, artifact.id, 'a,b\n3,4\n5,6\n', 'text/csv');
    expect(v2.version).toBe(2);
    const detail = await call(atoll, 'GET', A(artifact.id), viewer, { tenant: tenant.id, status: 200 });
    expect(detail.latestVersion).toBe(2);
    expect(detail.versions.map((v: { version: number; size: number }) => [v.version, v.size])).toEqual([
      [1, 8],
      [2, 12],
    ]);
    const prefix = `tenants/${tenant.id}/artifacts/${artifact.id}/`;
    expect(await keysUnder(prefix)).toEqual([`${prefix}v1`, `${prefix}v2`]); // staging objects are gone

    const latest = await content(viewer, tenant.id, `${A(artifact.id)}/content`);
    expect(latest.status, latest.text).toBe(200);
    expect(latest.text).toBe('a,b\n3,4\n5,6\n');
    expect(latest.headers.get('content-type')).toBe('text/csv');
    expect(latest.headers.get('content-length')).toBe('12');
    expect(latest.headers.get('accept-ranges')).toBe('bytes');
    expect(latest.headers.get('content-disposition')).toBe(`attachment; filename="report final.csv"; filename*=UTF-8''report%20final.csv`);
    expect((await content(viewer, tenant.id, `${A(artifact.id)}/content?version=1`)).text).toBe('a,b\n1,2\n');

    const part = await content(viewer, tenant.id, `${A(artifact.id)}/content?version=2`, { range: 'bytes=4-6' });
    expect(part.status).toBe(206);
    expect(part.text).toBe('3,4');
    expect(part.headers.get('content-range')).toBe('bytes 4-6/12');
    const tail = await content(viewer, tenant.id, `${A(artifact.id)}/content`, { range: 'bytes=-4' });
    expect([tail.status, tail.text]).toEqual([206, '5,6\n']);
    const past = await content(viewer, tenant.id, `${A(artifact.id)}/content`, { range: 'bytes=12-' });
    expect(past.status, past.text).toBe(416);
    expect(past.headers.get('content-range')).toBe('bytes */12');
    expect((await content(viewer, tenant.id, `${A(artifact.id)}/content`, { range: 'bytes=oops' })).status).toBe(200);

    const signed = await call(atoll, 'POST', `${A(artifact.id)}/download-url`, viewer, { tenant: tenant.id, body: { version: 1 }, status: 200 });
    expect(signed.version).toBe(1);
    expect(new URL(signed.url).searchParams.get('X-Amz-Expires')).toBe('900');
    expect(Date.parse(signed.expiresAt) - Date.now()).toBeGreaterThan(880_000);
    expect(await (await fetch(signed.url)).text()).toBe('a,b\n1,2\n');
    const week = await call(atoll, 'POST', `${A(artifact.id)}/download-url`, viewer, { tenant: tenant.id, body: { expiresIn: 7 * 24 * 3600 }, status: 200 });
    expect([week.version, new URL(week.url).searchParams.get('X-Amz-Expires')]).toEqual([2, '604800']);
    expect(await (await fetch(week.url)).text()).toBe('a,b\n3,4\n5,6\n');
    const { send } = await import('../../test/worker/harness');
    const noBody = await send(atoll, `${A(artifact.id)}/download-url`, { method: 'POST', headers: { authorization: `Bearer ${viewer.accessToken}`, 'x-tenant-id': tenant.id } });
    const noBodyJson = await noBody.json<{ version: number }>();
    expect(noBody.status, JSON.stringify(noBodyJson)).toBe(200);
    expect(noBodyJson.version).toBe(2);
    await call(atoll, 'POST', `${A(artifact.id)}/download-url`, viewer, { tenant: tenant.id, body: { expiresIn: 7 * 24 * 3600 + 1 }, status: 400 });
    await call(atoll, 'POST', `${A(artifact.id)}/download-url`, viewer, { tenant: tenant.id, body: { version: 3 }, status: 404, code: 'ARTIFACTS_VERSION_NOT_FOUND' });
  });

  it('presigns for the declared size and type, at most an hour, within the configured limit', async () => {
    const { member, tenant, artifact } = await setup();
    const upload = await call(atoll, 'POST', `${A(artifact.id)}/uploads`, member, { tenant: tenant.id, body: { size: 10, contentType: 'application/json', expiresIn: 3600 }, status: 201 });
    expect(upload).toMatchObject({ method: 'PUT', headers: { 'content-length': '10', 'content-type': 'application/json' } });
    expect(upload.uploadId).toMatch(/^[0-9a-f-]{36}$/);
    const url = new URL(upload.url);
    expect(url.pathname).toContain(`tenants/${tenant.id}/artifacts/${artifact.id}/uploads/${upload.uploadId}`);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('3600');
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toContain('content-length');
    const post = (body: unknown, status: number, code?: string) => call(atoll, 'POST', `${A(artifact.id)}/uploads`, member, { tenant: tenant.id, body, status, ...(code ? { code } : {}) });
    await post({ size: 1001 }, 413, 'ARTIFACTS_CONTENT_TOO_LARGE');
    await post({ size: 10, expiresIn: 3601 }, 400);
    await post({ size: -1 }, 400);
    await post({ size: 1.5 }, 400);
    await post({}, 400);
    await post({ size: 10, checksum: 'abc' }, 400);
    await post({ size: 10, contentType: 'not a type' }, 400);
    await call(atoll, 'POST', `${A(crypto.randomUUID())}/uploads`, member, { tenant: tenant.id, body: { size: 1 }, status: 404, code: 'ARTIFACTS_NOT_FOUND' });
  });

  it('completes only an upload whose object exists with the declared size and checksum', async () => {
    const { member, tenant, artifact } = await setup();
    const start = (body: Record<string, unknown>) => call(atoll, 'POST', `${A(artifact.id)}/uploads`, member, { tenant: tenant.id, body, status: 201 });
    const complete = (id: string, status: number, code?: string) => call(atoll, 'POST', `${A(artifact.id)}/uploads/${id}/complete`, member, { tenant: tenant.id, status, ...(code ? { code } : {}) });

    const missing = await start({ size: 5 });
    await complete(missing.uploadId, 409, 'ARTIFACTS_UPLOAD_MISSING');

    const short = await start({ size: 5 });
    // s3rver does not check signatures, so a wrong-sized body gets through here; real S3 refuses it.
    await fetch(short.url, { method: 'PUT', headers: { 'content-type': 'application/octet-stream' }, body: 'abc' });
    const body = await complete(short.uploadId, 400, 'ARTIFACTS_SIZE_MISMATCH');
    expect(body.detail).toContain('3 bytes');

    const wrongSum = await start({ size: 5, checksum: await sha256('other') });
    await fetch(wrongSum.url, { method: 'PUT', headers: wrongSum.headers, body: 'hello' });
    await complete(wrongSum.uploadId, 400, 'ARTIFACTS_CHECKSUM_MISMATCH');

    const good = await start({ size: 5, checksum: (await sha256('hello')).toUpperCase() });
    await fetch(good.url, { method: 'PUT', headers: good.headers, body: 'hello' });
    const { body: version, headers } = await request(atoll, 'POST', `${A(artifact.id)}/uploads/${good.uploadId}/complete`, member, { tenant: tenant.id, status: 201 });
    expect(version).toMatchObject({ version: 1, size: 5, checksum: await sha256('hello'), contentType: 'application/octet-stream' });
    // Location: the new version's content.
    expect(headers.get('location')).toBe(`${A(artifact.id)}/content?version=1`);
    expect(await call(atoll, 'GET', headers.get('location')!, member, { tenant: tenant.id, status: 200 })).toBe('hello');
    await complete(good.uploadId, 409, 'ARTIFACTS_UPLOAD_COMPLETED');
    await complete(crypto.randomUUID(), 404, 'ARTIFACTS_UPLOAD_NOT_FOUND');
    const other = await setup();
    await call(atoll, 'POST', `${A(other.artifact.id)}/uploads/${short.uploadId}/complete`, other.member, { tenant: other.tenant.id, status: 404, code: 'ARTIFACTS_UPLOAD_NOT_FOUND' });
  });

  it('answers 404 without content, and keeps roles and tenants apart', async () => {
    const { owner, member, viewer, tenant, artifact } = await setup();
    await call(atoll, 'GET', `${A(artifact.id)}/content`, viewer, { tenant: tenant.id, status: 404, code: 'ARTIFACTS_NO_CONTENT' });
    await call(atoll, 'POST', `${A(artifact.id)}/download-url`, viewer, { tenant: tenant.id, body: {}, status: 404, code: 'ARTIFACTS_NO_CONTENT' });
    await call(atoll, 'POST', `${A(artifact.id)}/uploads`, viewer, { tenant: tenant.id, body: { size: 1 }, status: 403 });
    await call(atoll, 'POST', `${A(artifact.id)}/uploads`, null, { tenant: tenant.id, body: { size: 1 }, status: 401 });
    await uploadVersion(atoll, member, tenant.id, artifact.id, 'secret');
    await call(atoll, 'GET', `${A(artifact.id)}/content?version=2`, viewer, { tenant: tenant.id, status: 404, code: 'ARTIFACTS_VERSION_NOT_FOUND' });
    await call(atoll, 'GET', `${A(artifact.id)}/content?version=0`, viewer, { tenant: tenant.id, status: 400 });
    await call(atoll, 'GET', `${A(artifact.id)}/content`, null, { tenant: tenant.id, status: 401 });
    const stranger = await ownerWithTenant(atoll);
    await call(atoll, 'GET', `${A(artifact.id)}/content`, stranger.owner, { tenant: stranger.tenant.id, status: 404, code: 'ARTIFACTS_NOT_FOUND' });
    await call(atoll, 'POST', `${A(artifact.id)}/download-url`, stranger.owner, { tenant: stranger.tenant.id, body: {}, status: 404 });
    await call(atoll, 'POST', `${A(artifact.id)}/uploads`, stranger.owner, { tenant: stranger.tenant.id, body: { size: 1 }, status: 404 });
    await call(atoll, 'POST', `${A(artifact.id)}/uploads`, stranger.owner, { tenant: tenant.id, body: { size: 1 }, status: 404, code: 'KERNEL_TENANT_NOT_FOUND' });
    const key = await apiKeyOf(atoll, { tenantId: tenant.id, scopes: ['artifacts:read'], role: 'viewer', createdBy: owner.userId });
    const { send } = await import('../../test/worker/harness');
    const res = await send(atoll, `${A(artifact.id)}/content`, { headers: { authorization: `Bearer ${key.secret}` } });
    expect(await res.text()).toBe('secret');
    await call(atoll, 'POST', `${A(artifact.id)}/uploads`, key.secret, { body: { size: 1 }, status: 403 });
    expect(await storage.head(`tenants/${tenant.id}/artifacts/${artifact.id}/v1`)).toMatchObject({ size: 6 });
  });
});
