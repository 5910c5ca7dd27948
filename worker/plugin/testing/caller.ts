// Requests as someone: a user's bearer token, an API key's secret, or nobody.
import type { AtollApp } from '../../app';
import type { Env } from '../../env';
import { send } from './send';
import type { TestUser } from './user';

/**
 * Who sends a request: a user, an API key (its secret), a raw bearer token, or `null` for nobody.
 *
 * @example
 * const who: TestIdentity = { apiKey: key.secret };
 * await t.as(who).get('/api/v1/polygons');
 */
export type TestIdentity = TestUser | { apiKey: string } | { token: string } | string | null;

/**
 * Request helpers bound to an identity and a tenant (`t.as(who, tenantId)`). Each returns the Response. A body that is a string or `FormData` is sent
 * as it is (a string as JSON text, so a test can send malformed JSON); anything else as JSON.
 *
 * @example
 * const member: TestCaller = t.as(team.member, team.tenant.id);
 * const created = await member.post('/api/v1/polygons', { name: 'field' });
 * await member.patch(`/api/v1/polygons/${(await created.json()).id}`, { name: 'meadow' });
 */
export interface TestCaller {
  get(path: string, init?: RequestInit): Promise<Response>;
  post(path: string, body?: unknown, init?: RequestInit): Promise<Response>;
  put(path: string, body?: unknown, init?: RequestInit): Promise<Response>;
  patch(path: string, body?: unknown, init?: RequestInit): Promise<Response>;
  delete(path: string, body?: unknown, init?: RequestInit): Promise<Response>;
  request(method: string, path: string, body?: unknown, init?: RequestInit): Promise<Response>;
}

/** The bearer credential of `who`, if any. */
export function bearerOf(who: TestIdentity): string | undefined {
  if (who === null) return undefined;
  if (typeof who === 'string') return who;
  if ('apiKey' in who) return who.apiKey;
  return who.token;
}

/** A caller that sends through `atoll` (with `env` as the Worker's bindings) as `who`, in `tenant`. */
export function callerOf(atoll: AtollApp, env: Env, who: TestIdentity, tenant?: string): TestCaller {
  const request = (method: string, path: string, body?: unknown, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    const bearer = bearerOf(who);
    if (bearer && !headers.has('authorization')) headers.set('authorization', `Bearer ${bearer}`);
    if (tenant && !headers.has('x-tenant-id')) headers.set('x-tenant-id', tenant);
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      if (!headers.has('content-type')) headers.set('content-type', 'application/json');
    }
    return send(atoll, path, { ...init, method, headers, ...(payload === undefined ? {} : { body: payload }) }, env);
  };
  return {
    request,
    get: (path, init) => request('GET', path, undefined, init),
    post: (path, body, init) => request('POST', path, body, init),
    put: (path, body, init) => request('PUT', path, body, init),
    patch: (path, body, init) => request('PATCH', path, body, init),
    delete: (path, body, init) => request('DELETE', path, body, init),
  };
}
