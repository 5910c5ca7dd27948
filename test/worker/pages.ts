// Helpers for page tests (not a test file itself).
import { expect } from 'vitest';
import type { AtollApp } from '../../worker/app';
import { send } from './harness';
import type { SignedUp } from './identity';

/**
 * Page requests against `atoll` as a signed-up user (bearer token) in a tenant (`x-tenant-id`),
 * optionally posting a form, optionally as htmx (`hx-request`).
 *
 * @example
 * const page = pageClient(atoll);
 * const text = await htmlOf(await page(user, tenant.id, '/app/projects'));
 */
export function pageClient(atoll: AtollApp) {
  return (user: SignedUp, tenant: string, path: string, form?: Record<string, string>, htmx = false) => {
    const headers: Record<string, string> = { authorization: `Bearer ${user.accessToken}`, 'x-tenant-id': tenant };
    if (htmx) headers['hx-request'] = 'true';
    if (!form) return send(atoll, path, { headers });
    headers['content-type'] = 'application/x-www-form-urlencoded';
    return send(atoll, path, { method: 'POST', headers, body: new URLSearchParams(form).toString() });
  };
}

/** The body of a page response, asserting its status (the body is printed when it differs). */
export async function htmlOf(res: Response, status = 200): Promise<string> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return text;
}
