import type { MiddlewareHandler } from 'hono';

/** Where the tenant routes live; `/tenants/{id}/...` names its tenant in the path. */
export const TENANT_ROUTES = '/api/v1/tenants/*';

/**
 * The kernel resolves a route's tenant from `x-tenant-id`; on `/tenants/{id}/...` the path names the
 * tenant, so this copies it there (replacing any header the client sent) before access control
 * runs. The usual rules then apply: unknown or not a member → 404, too weak a role → 403.
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
    const headers = new Headers(c.req.raw.headers);
    headers.set('x-tenant-id', ref);
    const raw = c.req.raw;
    // A middleware before this one may have read the body (Hono caches it): rebuild from the cache.
    c.req.raw = raw.bodyUsed ? new Request(raw.url, { method: raw.method, headers, body: await c.req.arrayBuffer() }) : new Request(raw, { headers });
  }
  await next();
};
