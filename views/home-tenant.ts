import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { TENANT_COOKIE } from '../worker/access/access-control';
import type { AccessRegistry } from '../worker/access/access-registry';
import type { Principal, TenantContext } from '../worker/access/types';

/** The browser's current tenant (the switcher's cookie) for a public page, if the user still belongs to it. */
export async function browserTenant(c: Context, principal: Principal, access: AccessRegistry): Promise<TenantContext | undefined> {
  const ref = getCookie(c, TENANT_COOKIE);
  if (!ref || ref.length > 100 || !access.tenantResolver) return undefined;
  const tenant = await access.tenantResolver.resolve(c, principal, ref).catch(() => null);
  return tenant ?? undefined;
}
