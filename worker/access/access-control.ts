import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { UnitOfWork } from '../db/unit-of-work';
import { AtollError, isAtollError } from '../errors';
import type { AccessRegistry } from './access-registry';
import { type Principal, type RouteAccess, roleAtLeast, type TenantContext } from './types';

export const AccessErrorCode = {
  UNAUTHENTICATED: 'KERNEL_UNAUTHENTICATED',
  FORBIDDEN: 'KERNEL_FORBIDDEN',
  TENANT_REQUIRED: 'KERNEL_TENANT_REQUIRED',
  TENANT_NOT_FOUND: 'KERNEL_TENANT_NOT_FOUND',
} as const;

/**
 * Browsers choose their tenant with the switcher, remembered in this cookie.
 *
 * @example
 * const current = getCookie(c, TENANT_COOKIE);
 */
export const TENANT_COOKIE = 'atoll_tenant';

const TENANT_REF = /^[a-z0-9][a-z0-9-]{0,62}$|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const unauthenticated = () => new AtollError('unauthorized', AccessErrorCode.UNAUTHENTICATED, 'Sign in, or send a valid bearer token');
const forbidden = (detail: string) => new AtollError('forbidden', AccessErrorCode.FORBIDDEN, detail);
// Unknown tenant and non-member get the same answer: a tenant's existence is not disclosed.
const tenantNotFound = () => new AtollError('not_found', AccessErrorCode.TENANT_NOT_FOUND, 'No such tenant, or you are not a member');

function tenantRef(c: Context, principal: Principal): string | undefined {
  const named = c.get('tenantRef') ?? c.req.header('x-tenant-id')?.trim();
  if (named) return named;
  if (principal.kind === 'user' && principal.via === 'cookie') return getCookie(c, TENANT_COOKIE);
  return undefined;
}

/**
 * Authenticates; for a tenant route whose credentials name their user before the database is asked
 * (`Authenticator.claim`), also resolves that user's membership in the named tenant, both lookups in
 * one round trip. The membership is returned with the user it was looked up for: the caller keeps
 * it only if `authenticate` confirmed that user.
 */
async function authenticateWithTenant(
  c: Context,
  access: Exclude<RouteAccess, 'public'>,
  registry: AccessRegistry,
  authenticate: () => Promise<Principal | null>,
): Promise<[Principal | null, { userId: string; ref: string; tenant: TenantContext | null } | undefined]> {
  const { authenticator, tenantResolver } = registry;
  const unit = (c.get('databaseSession') as { unit?: UnitOfWork } | undefined)?.unit;
  if (!access.tenantRole || !tenantResolver || !authenticator?.claim || !unit) return [await authenticate(), undefined];
  const claimed = await authenticator.claim(c).catch(() => undefined);
  const ref = c.get('tenantRef') ?? c.req.header('x-tenant-id')?.trim();
  if (!claimed || !ref || !TENANT_REF.test(ref)) return [await authenticate(), undefined];
  // Only `userId` is read by a tenant resolver for a user; the rest is what `authenticate` confirms.
  const provisional: Principal = { kind: 'user', userId: claimed.userId, email: '', platformAdmin: false, via: 'token' };
  const [principal, tenant] = await unit.together(authenticate, () => tenantResolver.resolve(c, provisional, ref));
  return [principal, { userId: claimed.userId, ref, tenant }];
}

/**
 * Enforces a route's `RouteAccess`: authenticates, checks principal kind, platform admin, scopes,
 * and for tenant routes resolves the tenant and the caller's role. Sets `principal` and `tenant`.
 * With no authenticator installed, everything but public routes is refused (fail closed).
 */
export function accessControl(access: RouteAccess, registry: AccessRegistry, options: { page?: boolean } = {}): MiddlewareHandler {
  return async (c, next) => {
    c.set('principal', undefined);
    c.set('tenant', undefined);
    if (access === 'public') {
      // Public routes still know the caller when credentials are sent (e.g. the home page).
      const principal = await registry.authenticator?.authenticate(c).catch(() => null);
      c.set('principal', principal ?? undefined);
      return next();
    }
    // A page with a stale session sends the browser to sign in again rather than showing a 401.
    const authenticate = () => {
      const pending = registry.authenticator?.authenticate(c) ?? Promise.resolve(null);
      return options.page
        ? pending.catch((error: unknown) => {
            if (isAtollError(error) && error.kind === 'unauthorized') return null;
            throw error; // e.g. a failed CSRF check stays a 403
          })
        : pending;
    };
    const [principal, early] = await authenticateWithTenant(c, access, registry, authenticate);
    if (!principal) {
      if (options.page && registry.loginPath && c.req.method === 'GET') {
        const nextPath = c.req.path + (new URL(c.req.url).search || '');
        return c.redirect(`${registry.loginPath}?next=${encodeURIComponent(nextPath)}`, 303);
      }
      throw unauthenticated();
    }
    c.set('principal', principal);

    if (principal.kind === 'api_key') {
      if (!access.scopes || access.scopes.length === 0) throw forbidden('API keys cannot call this endpoint');
      const missing = access.scopes.filter((s) => !principal.scopes.includes(s));
      if (missing.length > 0) throw forbidden(`The API key lacks the scope ${missing.join(', ')}`);
    } else {
      if (access.apiKeysOnly) throw forbidden('Only API keys can call this endpoint');
      if (access.platformAdmin && !principal.platformAdmin) throw forbidden('Platform administrators only');
    }

    if (access.tenantRole) {
      const ref = tenantRef(c, principal);
      if (!ref && principal.kind === 'user') {
        if (options.page && registry.tenantPickerPath && c.req.method === 'GET') {
          return c.redirect(`${registry.tenantPickerPath}?next=${encodeURIComponent(c.req.path + (new URL(c.req.url).search || ''))}`, 303);
        }
        throw new AtollError('validation', AccessErrorCode.TENANT_REQUIRED, 'The x-tenant-id header (tenant id or slug) is required', {
          errors: [{ location: 'header', path: 'x-tenant-id', message: 'Required' }],
        });
      }
      if (ref && !TENANT_REF.test(ref)) throw tenantNotFound();
      if (!registry.tenantResolver) throw tenantNotFound();
      const confirmed = early && principal.kind === 'user' && early.userId === principal.userId && early.ref === ref;
      const tenant = confirmed ? early.tenant : await registry.tenantResolver.resolve(c, principal, ref ?? (principal as { tenantId: string }).tenantId);
      if (!tenant) throw tenantNotFound();
      // API keys carry a role ceiling too, so a scope never buys more than the key's role allows.
      if (!roleAtLeast(tenant.role, access.tenantRole)) {
        const who = principal.kind === 'user' ? 'you are' : 'the API key is limited to';
        throw forbidden(`This needs the ${access.tenantRole} role in the tenant; ${who} ${tenant.role}`);
      }
      c.set('tenant', tenant);
    }
    return next();
  };
}
