// Test helpers for the tenants plugin's route tests (not a test file itself). Accounts, tenants and
// members are made through the HTTP API here, because making them is what these tests are about;
// other plugins' tests seed them instead (test/worker/seed.ts: same names, same arguments).
import { expect } from 'vitest';
import { thingsPlugin } from '../../test/fixtures/things-plugin';
import { bodyOf, bootApp, send } from '../../test/worker/harness';
import { authTestEnv, type SignedUp, signUp } from '../../test/worker/identity';
import { uniqueSlug } from '../../test/worker/seed';
import type { AtollApp } from '../../worker/app';
import { authPlugin } from '../auth';
import { tenantsPlugin } from '.';

export const bootTenants = async (): Promise<AtollApp> => bootApp([authPlugin(), tenantsPlugin(), thingsPlugin()], await authTestEnv());

export { uniqueSlug };

type CallOptions = { body?: unknown; status: number; code?: string; tenant?: string };

/** Sends a request as `who` (or anonymously) and asserts the status, printing the body when it differs. */
export async function call(atoll: AtollApp, method: string, path: string, who: SignedUp | string | null, options: CallOptions): Promise<any> {
  return (await request(atoll, method, path, who, options)).body;
}

/** As `call`, with the response headers too (e.g. a 201's `Location`). */
export async function request(atoll: AtollApp, method: string, path: string, who: SignedUp | string | null, options: CallOptions): Promise<{ body: any; headers: Headers }> {
  const headers: Record<string, string> =
    who === null ? { 'content-type': 'application/json' } : typeof who === 'string' ? { 'content-type': 'application/json', authorization: `Bearer ${who}` } : who.headers();
  if (options.tenant) headers['x-tenant-id'] = options.tenant;
  const res = await send(atoll, path, { method, headers, ...(options.body === undefined ? {} : { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }) });
  const body = await bodyOf(res);
  expect(res.status, `${method} ${path}: ${JSON.stringify(body)}`).toBe(options.status);
  if (options.code) expect(body.code, JSON.stringify(body)).toBe(options.code);
  return { body, headers: res.headers };
}

/** A new user who owns a new tenant, over HTTP (register, login, create tenant). */
export async function ownerWithTenant(atoll: AtollApp, label = 'owner') {
  const owner = await signUp(atoll, { name: label });
  const slug = uniqueSlug(label);
  const tenant = await call(atoll, 'POST', '/api/v1/tenants', owner, { body: { name: `${label} tenant`, slug }, status: 201 });
  return { owner, tenant: tenant as { id: string; slug: string; name: string } };
}

/** Adds a new user to `tenantId` with `role` (as `admin`) over HTTP and returns them. */
export async function memberOf(atoll: AtollApp, tenantId: string, admin: SignedUp, role: string): Promise<SignedUp> {
  const user = await signUp(atoll, { name: role });
  await call(atoll, 'POST', `/api/v1/tenants/${tenantId}/members`, admin, { body: { email: user.email, role }, status: 201 });
  return user;
}
