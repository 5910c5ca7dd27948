import { type AppContext, forbidden, getDb, getUser, roleAtLeast, safeNextPath, TENANT_COOKIE, type TenantRole } from 'atoll/plugin';
import { getCookie, setCookie } from 'hono/cookie';
import { noTenantChosen } from '../errors';
import { findTenantForUser, type TenantWithRole } from '../services/find-tenant';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Remembers the browser's tenant (read by the kernel for cookie-authenticated requests, and by pages). */
export function setTenantCookie(c: AppContext, tenantId: string): void {
  const secure = !LOOPBACK.has(new URL(c.req.url).hostname);
  setCookie(c, TENANT_COOKIE, tenantId, { path: '/', sameSite: 'Lax', secure, maxAge: 60 * 60 * 24 * 365 });
}

/** The tenant chosen with the switcher, if the signed-in user (still) belongs to it. */
export async function currentTenant(c: AppContext): Promise<TenantWithRole | null> {
  const ref = getCookie(c, TENANT_COOKIE);
  if (!ref) return null;
  return findTenantForUser({ ctx: { db: getDb(c) }, input: { userId: getUser(c).userId, ref } });
}

/** The current tenant for a page that changes it: 403 below `minimum`, a prompt when none is chosen. */
export async function requireTenantRole(c: AppContext, minimum: TenantRole): Promise<TenantWithRole> {
  const tenant = await currentTenant(c);
  if (!tenant) throw noTenantChosen();
  if (!roleAtLeast(tenant.role, minimum)) throw forbidden('KERNEL_FORBIDDEN', `This needs the ${minimum} role in the tenant; you are ${tenant.role}`);
  return tenant;
}

/** Where to go after a form post: a same-origin relative path only (never another site). */
export const safeNext = (next: unknown, fallback: string): string => safeNextPath(next, fallback);
