import { setTenantRef } from 'atoll/plugin';
import type { MiddlewareHandler } from 'hono';

/** Where the tenant routes live; `/tenants/{id}/...` names its tenant in the path. */
export const TENANT_ROUTES = '/api/v1/tenants/*';

/**
 * The kernel resolves a route's tenant from `x-tenant-id`; on `/tenants/{id}/...` the path names the
 * tenant, so this hands it to access control instead (any header the client sent is ignored). The
 * usual rules then apply: unknown or not a member → 404, too weak a role → 403. The Request itself
 * is left alone: rebuilding it to rewrite a header would move its body, or fail once it was read.
 */
export const tenantFromPath: MiddlewareHandler = async (c, next) => {
  const segment = c.req.path.split('/')[4];
  if (segment) {
    let ref: string;
    try {
      ref = decodeURIComponent(segment);
    } catch {
      ref = segment;
    }
    setTenantRef(c, ref);
  }
  await next();
};
