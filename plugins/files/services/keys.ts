/**
 * Object keys of a tenant's files: `tenants/<tenantId>/files/<path>`. The tenant id always comes
 * from the request's resolved tenant (`getTenant(c)`), never from the client, and paths are
 * validated by `parsePath` first, so a key can only ever name an object under this prefix.
 */
export const tenantRoot = (tenantId: string) => `tenants/${tenantId}/files/`;

export const keyOf = (tenantId: string, path: string) => `${tenantRoot(tenantId)}${path}`;

/** The client-facing path of a key under the tenant's root. */
export const pathOf = (tenantId: string, key: string) => key.slice(tenantRoot(tenantId).length);
