import { beforeAll, describe, expect, it } from 'vitest';
import { send } from '../../test/worker/harness';
import type { SignedUp } from '../../test/worker/identity';
import { apiKeyOf, memberOf, ownerWithTenant } from '../../test/worker/seed';
import type { AtollApp } from '../../worker/app';
import { api, bootFiles, q, rawRequest, storage, upload } from './testing';

let atoll: AtollApp;
let owner: SignedUp;
let tenant: { id: string; slug: string };
let viewer: SignedUp;
let member: SignedUp;
let outsider: SignedUp;
let otherTenant: { id: string };

beforeAll(async () => {
  atoll = await bootFiles();
  ({ owner, tenant } = await ownerWithTenant(atoll));
  viewer = await memberOf(atoll, tenant.id, owner, 'viewer');
  member = await memberOf(atoll, tenant.id, owner, 'member');
  const other = await ownerWithTenant(atoll, 'other');
  outsider = other.owner;
  otherTenant = other.tenant;
  await upload(atoll, owner, tenant.id, 'secret/plan.txt', 'tenant A only');
  await upload(atoll, outsider, otherTenant.id, 'theirs.txt', 'tenant B only');
});

type Role = 'viewer' | 'member' | 'admin';
interface RouteCase {
  name: string;
  method: string;
  path: string;
  body?: unknown;
  /** Sent by a caller allowed to call it, with this body: 400. */
  badBody?: unknown;
  badPath?: string;
  needs: Role;
}

const ROUTES: RouteCase[] = [
  { name: 'list', method: 'GET', path: '/api/v1/files', badPath: '/api/v1/files?limit=0', needs: 'viewer' },
  { name: 'download', method: 'GET', path: `/api/v1/files/content?path=${q('secret/plan.txt')}`, badPath: '/api/v1/files/content?path=..', needs: 'viewer' },
  { name: 'metadata', method: 'GET', path: `/api/v1/files/metadata?path=${q('secret/plan.txt')}`, badPath: '/api/v1/files/metadata?path=%00', needs: 'viewer' },
  { name: 'presign download', method: 'POST', path: '/api/v1/files/presign-download', body: { path: 'secret/plan.txt' }, badBody: { path: 1 }, needs: 'viewer' },
  { name: 'upload', method: 'POST', path: '/api/v1/files', body: 'multipart', badBody: { not: 'multipart' }, needs: 'member' },
  { name: 'upload many', method: 'POST', path: '/api/v1/files/batch', body: 'multipart', badBody: { not: 'multipart' }, needs: 'member' },
  { name: 'create folder', method: 'POST', path: '/api/v1/files/folders', body: { path: 'made' }, badBody: { path: '' }, needs: 'member' },
  { name: 'copy', method: 'POST', path: '/api/v1/files/copy', body: { from: 'secret/plan.txt', to: 'copy.txt' }, badBody: { from: 'a' }, needs: 'member' },
  { name: 'move', method: 'POST', path: '/api/v1/files/move', body: { from: 'secret/plan.txt', to: 'moved.txt' }, badBody: { to: 'b' }, needs: 'member' },
  { name: 'presign upload', method: 'POST', path: '/api/v1/files/presign-upload', body: { path: 'p.txt', size: 1 }, badBody: { path: 'p.txt' }, needs: 'member' },
  { name: 'delete', method: 'DELETE', path: `/api/v1/files?path=${q('secret/plan.txt')}`, badPath: '/api/v1/files?path=a%5Cb', needs: 'admin' },
  { name: 'delete many', method: 'POST', path: '/api/v1/files/delete', body: { paths: ['secret/plan.txt'] }, badBody: { paths: 'x' }, needs: 'admin' },
  { name: 'delete folder', method: 'DELETE', path: '/api/v1/files/folders?path=secret', badPath: '/api/v1/files/folders?path=/abs', needs: 'admin' },
];

/** The status of a request (for the table-driven checks below), with the body on failure. */
async function statusOf(route: RouteCase, who: SignedUp | null, tenantRef: string | undefined, body = route.body, path = route.path): Promise<{ status: number; body: string }> {
  if (body === 'multipart') {
    const isMany = route.path.endsWith('/batch');
    const form = new FormData();
    if (!isMany) form.append('path', `sec-${crypto.randomUUID()}.txt`);
    form.append(isMany ? 'files' : 'file', new File(['x'], `sec-${crypto.randomUUID()}.txt`));
    const headers: Record<string, string> = {};
    if (who) headers.authorization = `Bearer ${who.accessToken}`;
    if (tenantRef) headers['x-tenant-id'] = tenantRef;
    const res = await send(atoll, path, { method: 'POST', headers, body: form });
    return { status: res.status, body: await res.text() };
  }
  const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
  if (who) headers.authorization = `Bearer ${who.accessToken}`;
  if (tenantRef) headers['x-tenant-id'] = tenantRef;
  const res = await send(atoll, path, { method: route.method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: res.status, body: await res.text() };
}

const rank: Record<Role, number> = { viewer: 0, member: 1, admin: 2 };

describe('access to every files route', () => {
  for (const route of ROUTES) {
    describe(`${route.name} (${route.method} ${route.path.split('?')[0]})`, () => {
      it('needs authentication (401)', async () => {
        const res = await statusOf(route, null, tenant.id);
        expect(res.status, res.body).toBe(401);
      });

      it('hides other tenants (404) and needs the tenant header (400)', async () => {
        const res = await statusOf(route, outsider, tenant.id);
        expect(res.status, res.body).toBe(404);
        expect(JSON.parse(res.body).code).toBe('KERNEL_TENANT_NOT_FOUND');
        const none = await statusOf(route, owner, undefined);
        expect(none.status, none.body).toBe(400);
      });

      it(`needs the ${route.needs} role (403 below it)`, async () => {
        if (route.needs === 'viewer') {
          const res = await statusOf(route, viewer, tenant.id);
          expect(res.status, `viewer: ${res.body}`).toBe(200);
        }
        const below = (
          [
            ['viewer', viewer],
            ['member', member],
          ] as const
        ).filter(([role]) => rank[role] < rank[route.needs]);
        for (const [role, who] of below) {
          const res = await statusOf(route, who, tenant.id);
          expect(res.status, `${role}: ${res.body}`).toBe(403);
        }
      });

      it('refuses a bad request (400)', async () => {
        const res = route.badPath ? await statusOf(route, owner, tenant.id, route.body, route.badPath) : await statusOf(route, owner, tenant.id, route.badBody);
        expect(res.status, res.body).toBe(400);
      });
    });
  }
});

describe('API keys', () => {
  it('need files:read to read, files:write to write, files:delete to delete', async () => {
    const { owner: o, tenant: t } = await ownerWithTenant(atoll, 'keys');
    await upload(atoll, o, t.id, 'k.txt', 'key data');
    const keyWith = async (scopes: string[], role: 'member' | 'admin' = 'admin') => (await apiKeyOf(atoll, { tenantId: t.id, scopes, role, createdBy: o.userId })).secret;
    const reader = await keyWith(['files:read']);
    const writer = await keyWith(['files:read', 'files:write']);
    const deleter = await keyWith(['files:delete']);
    const ceiling = await keyWith(['files:delete'], 'member');
    expect(await (await rawRequest(atoll, 'GET', '/api/v1/files/content?path=k.txt', reader, '')).text()).toBe('key data');
    await api(atoll, 'POST', '/api/v1/files/folders', reader, { body: { path: 'r' }, status: 403 });
    await upload(atoll, writer, '', 'by-key.txt', 'w');
    await api(atoll, 'GET', '/api/v1/files', deleter, { status: 403 });
    await api(atoll, 'DELETE', '/api/v1/files?path=by-key.txt', ceiling, { status: 403 });
    await api(atoll, 'DELETE', '/api/v1/files?path=by-key.txt', writer, { status: 403 });
    await api(atoll, 'DELETE', '/api/v1/files?path=by-key.txt', deleter, { status: 204 });
    // A key acts in its own tenant only.
    await api(atoll, 'GET', '/api/v1/files', reader, { tenant: tenant.id, status: 404 });
  });
});

describe('path traversal and cross-tenant addressing', () => {
  const attempts = (otherId: string) => [
    `../${otherId}/files/theirs.txt`,
    `../../${otherId}/files/theirs.txt`,
    `%2e%2e/${otherId}/files/theirs.txt`,
    `a/../../${otherId}/files/theirs.txt`,
    `/tenants/${otherId}/files/theirs.txt`,
    `..\\${otherId}\\files\\theirs.txt`,
    `theirs.txt\u0000`,
    `.//theirs.txt`,
  ];

  it('never reads, lists, copies or writes outside the caller tenant (400)', async () => {
    for (const path of attempts(otherTenant.id)) {
      const res = await rawRequest(atoll, 'GET', `/api/v1/files/content?path=${q(path)}`, owner, tenant.id);
      const body = await res.text();
      expect(res.status, `${path}: ${body}`).toBe(400);
      expect(body).not.toContain('tenant B only');
      await api(atoll, 'POST', '/api/v1/files/copy', owner, { tenant: tenant.id, body: { from: path, to: 'stolen.txt' }, status: 400, code: 'FILES_INVALID_PATH' });
      await api(atoll, 'POST', '/api/v1/files/copy', owner, { tenant: tenant.id, body: { from: 'secret/plan.txt', to: path }, status: 400, code: 'FILES_INVALID_PATH' });
    }
    // A raw percent-encoded traversal in the query string is decoded once, then refused.
    const encoded = await rawRequest(atoll, 'GET', `/api/v1/files/content?path=%2e%2e%2f${otherTenant.id}%2ffiles%2ftheirs.txt`, owner, tenant.id);
    expect(encoded.status).toBe(400);
    // Listing with a prefix that tries to climb out is refused; the root lists only this tenant.
    await api(atoll, 'GET', `/api/v1/files?prefix=${q(`../${otherTenant.id}/`)}`, owner, { tenant: tenant.id, status: 400, code: 'FILES_INVALID_PATH' });
    const mine = await api(atoll, 'GET', '/api/v1/files', owner, { tenant: tenant.id, status: 200 });
    expect(mine.files.map((f: { path: string }) => f.path)).not.toContain('theirs.txt');
    // Uploads that try to land elsewhere are refused; the other tenant's objects are untouched.
    for (const path of attempts(otherTenant.id)) await upload(atoll, owner, tenant.id, path, 'evil', { status: 400, code: 'FILES_INVALID_PATH' });
    expect(await (await rawRequest(atoll, 'GET', '/api/v1/files/content?path=theirs.txt', outsider, otherTenant.id)).text()).toBe('tenant B only');
    expect((await storage.list({ prefix: `tenants/${otherTenant.id}/` })).objects.map((o) => o.key)).toEqual([`tenants/${otherTenant.id}/files/theirs.txt`]);
  });

  it("a cursor from another tenant's listing cannot reveal its files", async () => {
    await Promise.all(Array.from({ length: 3 }, (_, i) => storage.put(`tenants/${otherTenant.id}/files/page${i}.txt`, 'b')));
    const theirs = await api(atoll, 'GET', '/api/v1/files?limit=1', outsider, { tenant: otherTenant.id, status: 200 });
    // Refused outright: a cursor is only valid under the prefix it was made for.
    await api(atoll, 'GET', `/api/v1/files?cursor=${q(theirs.nextCursor)}`, owner, { tenant: tenant.id, status: 400, code: 'KERNEL_STORAGE_BAD_CURSOR' });
  });
});
