// What the dashboard browser tests set up (not a test file itself): a user with a tenant signed up
// through the pages, the REST API as that user, and metric datasets ingested through it.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { submit, uniqueId, visit } from './page-actions';

/** The REST API at `baseUrl` as a user (bearer token), in the tenant; asserts the status. */
export function api(baseUrl: string, token: string, tenant: string) {
  return async (method: string, path: string, body?: unknown, expected = 200): Promise<any> => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'x-tenant-id': tenant };
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const res = await fetch(`${baseUrl}/api/v1${path}`, { method, headers, body: payload });
    const text = await res.text();
    expect(res.status, `${method} ${path}: ${text}`).toBe(expected);
    return text ? JSON.parse(text) : null;
  };
}

export type Api = ReturnType<typeof api>;

/** Creates a metric dataset from CSV lines, uploads it with ingestion queued, and waits until it is ready. */
export async function ingestMetrics(call: Api, name: string, lines: string[]) {
  const { dataset } = await call('POST', '/datasets', { name, kind: 'metric', format: 'csv' }, 201);
  const form = new FormData();
  form.append('file', new Blob([['metric,value,timestamp', ...lines].join('\n')], { type: 'text/csv' }), `${name}.csv`);
  await call('POST', `/datasets/${dataset.id}/upload?ingest=true`, form);
  for (let i = 0; i < 240; i++) {
    const now = await call('GET', `/datasets/${dataset.id}`);
    if (now.status === 'ready') return now;
    expect(now.status, JSON.stringify(now)).not.toBe('error');
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`dataset ${name} did not become ready`);
}

export const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

/** Registers a user with a tenant through the pages (signed in on `page`); answers the REST API as that user in it. */
export async function signUp(page: Page, baseUrl: string): Promise<Api> {
  const id = uniqueId();
  const user = { name: 'Dana Dash', email: `dash-${id}@example.com`, password: 'a long enough passphrase' };
  await visit(page, '/app/register');
  await submit(page, baseUrl, 'form[action="/app/register"]', { '#name': user.name, '#email': user.email, '#password': user.password });
  await visit(page, '/app/tenants/new');
  await submit(page, baseUrl, 'form[action="/app/tenants/new"]', { '#tenant-name': `Dash Co ${id}`, '#tenant-slug': `dash-${id}` });
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: user.email, password: user.password }) });
  return api(baseUrl, (await login.json()).accessToken, `dash-${id}`);
}
