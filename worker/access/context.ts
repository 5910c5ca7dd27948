import type { Context } from 'hono';
import { AtollError } from '../errors';
import type { Principal, TenantContext, UserPrincipal } from './types';

/**
 * The authenticated caller; only on routes that are not public (else a 500: a wiring mistake).
 *
 * @example
 * const caller = callerOf(getPrincipal(c), getTenant(c).role);
 */
export function getPrincipal(c: Context): Principal {
  const principal = c.get('principal');
  if (!principal) throw new AtollError('internal', 'KERNEL_NO_PRINCIPAL', 'This route has no authenticated caller');
  return principal;
}

/**
 * The authenticated user; API keys are refused with 403.
 *
 * @example
 * const { items } = await listMyTenants({ ctx: { db: getDb(c) }, input: { userId: getUser(c).userId, limit: 100 } });
 */
export function getUser(c: Context): UserPrincipal {
  const principal = getPrincipal(c);
  if (principal.kind !== 'user') throw new AtollError('forbidden', 'KERNEL_FORBIDDEN', 'API keys cannot call this endpoint');
  return principal;
}

/**
 * The tenant of a tenant-scoped route (declared with `access: { tenantRole }`).
 *
 * @example
 * const tenant = getTenant(c);
 * const page = await listJobs({ ctx: { db: getDb(c) }, input: { tenantId: tenant.id, limit: PAGE_SIZE } });
 */
export function getTenant(c: Context): TenantContext {
  const tenant = c.get('tenant');
  if (!tenant) throw new AtollError('internal', 'KERNEL_NO_TENANT', 'This route has no tenant context');
  return tenant;
}

/**
 * Names the request's tenant (id or slug) for access control, in place of the `x-tenant-id` header;
 * for middleware of routes that carry the tenant elsewhere, e.g. in their path. It is a context
 * variable rather than a rewritten header because rebuilding the Request to change a header moves
 * (or, once read, loses) its body.
 *
 * @example
 * export const tenantFromPath: MiddlewareHandler = async (c, next) => {
 *   const segment = c.req.path.split('/')[4];
 *   if (segment) setTenantRef(c, decodeURIComponent(segment));
 *   await next();
 * };
 */
export function setTenantRef(c: Context, ref: string): void {
  c.set('tenantRef', ref);
}
