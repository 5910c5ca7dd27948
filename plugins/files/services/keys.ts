import { decodeSegment, encodePath } from './long-names';

/**
 * Object keys of a tenant's files: `tenants/<tenantId>/files/<path>`. The tenant id always comes
 * from the request's resolved tenant (`getTenant(c)`), never from the client, and paths are
 * validated by `parsePath` first, so a key can only ever name an object under this prefix. Names
 * too long for the local S3 are stored under a hashed form (long-names.ts).
 */
export const tenantRoot = (tenantId: string) => `tenants/${tenantId}/files/`;

export const keyOf = async (tenantId: string, path: string) => `${tenantRoot(tenantId)}${await encodePath(path)}`;

/**
 * The client-facing paths of keys under the tenant's root, in order; `lookup` gives the full name
 * of each hashed one (see `lookupNames`).
 */
export const pathOf = (tenantId: string, key: string, lookup: (hash: string) => string | undefined) =>
  key
    .slice(tenantRoot(tenantId).length)
    .split('/')
    .map((segment) => decodeSegment(segment, lookup))
    .join('/');
