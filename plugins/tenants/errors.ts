import { conflict, forbidden, notFound, validationFailed } from 'atoll/plugin';

/** Every error code the tenants plugin returns. */
export const TenantsErrorCode = {
  SLUG_TAKEN: 'TENANTS_SLUG_TAKEN',
  TENANT_NOT_FOUND: 'TENANTS_TENANT_NOT_FOUND',
  USER_NOT_FOUND: 'TENANTS_USER_NOT_FOUND',
  ALREADY_MEMBER: 'TENANTS_ALREADY_MEMBER',
  MEMBER_NOT_FOUND: 'TENANTS_MEMBER_NOT_FOUND',
  LAST_OWNER: 'TENANTS_LAST_OWNER',
  OWNER_ONLY: 'TENANTS_OWNER_ONLY',
  API_KEY_NOT_FOUND: 'TENANTS_API_KEY_NOT_FOUND',
  INVALID_CURSOR: 'TENANTS_INVALID_CURSOR',
  INVALID_EXPIRY: 'TENANTS_INVALID_EXPIRY',
  UNKNOWN_SCOPE: 'TENANTS_UNKNOWN_SCOPE',
  NO_TENANT: 'TENANTS_NO_TENANT',
} as const;

export const slugTaken = (slug: string) => conflict(TenantsErrorCode.SLUG_TAKEN, `The slug "${slug}" is taken`);
export const tenantNotFound = () => notFound(TenantsErrorCode.TENANT_NOT_FOUND, 'No such tenant, or you are not a member');
export const userNotFound = () => notFound(TenantsErrorCode.USER_NOT_FOUND, 'No user has this email address');
export const alreadyMember = () => conflict(TenantsErrorCode.ALREADY_MEMBER, 'This user is already a member of the tenant');
export const memberNotFound = () => notFound(TenantsErrorCode.MEMBER_NOT_FOUND, 'No such member in this tenant');
export const lastOwner = () => conflict(TenantsErrorCode.LAST_OWNER, 'A tenant must keep at least one owner');
export const ownerOnly = (what: string) => forbidden(TenantsErrorCode.OWNER_ONLY, `Only an owner can ${what}`);
export const apiKeyNotFound = () => notFound(TenantsErrorCode.API_KEY_NOT_FOUND, 'No such API key in this tenant');
export const noTenantChosen = () => forbidden(TenantsErrorCode.NO_TENANT, 'Choose a tenant first (the switcher in the header)');
export const invalidCursor = () => validationFailed(TenantsErrorCode.INVALID_CURSOR, 'The cursor is invalid', [{ location: 'query', path: 'cursor', message: 'Invalid cursor' }]);
export const invalidExpiry = () => validationFailed(TenantsErrorCode.INVALID_EXPIRY, 'expiresAt must be in the future', [{ location: 'body', path: 'expiresAt', message: 'Must be in the future' }]);

/** Postgres unique violation (SQLSTATE 23505), through drizzle's wrapping. */
export function isUniqueViolation(error: unknown): boolean {
  for (let e = error as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23505') return true;
  }
  return false;
}
/** Scopes no installed plugin uses: a key holding them could never do anything with them. */
export const unknownScopes = (unknown: { index: number; scope: string }[], valid: readonly string[], location = 'body') =>
  validationFailed(
    TenantsErrorCode.UNKNOWN_SCOPE,
    `Unknown scope${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => u.scope).join(', ')}; valid scopes: ${valid.join(', ') || '(none)'}`,
    unknown.map((u) => ({ location, path: `scopes.${u.index}`, message: `Not a scope of the installed plugins (valid: ${valid.join(', ') || 'none'})` })),
  );
