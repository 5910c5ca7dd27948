import type { Context } from 'hono';

/**
 * Roles within a tenant, weakest first.
 *
 * @example
 * export const RoleSchema = z.enum(TENANT_ROLES).openapi({ example: 'member' });
 */
export const TENANT_ROLES = ['viewer', 'member', 'admin', 'owner'] as const;
/**
 * One of `TENANT_ROLES`: a member's role, or the most an API key may do.
 *
 * @example
 * interface SendMessageInput { tenantId: string; user: UserPrincipal; role: TenantRole }
 */
export type TenantRole = (typeof TENANT_ROLES)[number];

/**
 * Whether `role` is at least `minimum` (owner > admin > member > viewer).
 *
 * @example
 * const canCancel = roleAtLeast(getTenant(c).role, 'member');
 */
export const roleAtLeast = (role: TenantRole, minimum: TenantRole) => TENANT_ROLES.indexOf(role) >= TENANT_ROLES.indexOf(minimum);

/**
 * A signed-in user, as `getUser(c)` returns it.
 *
 * @example
 * const user: UserPrincipal = getUser(c);
 * const profile = await getProfile({ ctx: depsOf(c, state), input: { userId: user.userId } });
 */
export interface UserPrincipal {
  readonly kind: 'user';
  readonly userId: string;
  readonly email: string;
  readonly platformAdmin: boolean;
  /** The refresh-token session behind the credential, when there is one. */
  readonly sessionId?: string;
  /** How the caller proved it: an Atoll access token, the browser session cookie, or an external IdP token. */
  readonly via: 'token' | 'cookie' | 'external';
}

/**
 * A caller authenticated by an API key: bound to one tenant, with its scopes and role ceiling.
 *
 * @example
 * const runnerOf = (principal: ApiKeyPrincipal): Runner => ({ keyId: principal.keyId, tenantId: principal.tenantId });
 */
export interface ApiKeyPrincipal {
  readonly kind: 'api_key';
  readonly keyId: string;
  /** A key acts in this tenant only. */
  readonly tenantId: string;
  /** That tenant's slug, when the authenticator read it (the tenant resolver then needs no lookup). */
  readonly tenantSlug?: string;
  readonly scopes: readonly string[];
  /** The most a key may do in its tenant, like a member's role (never owner). */
  readonly role: TenantRole;
}

/**
 * Whoever calls a route: a user or an API key; tell them apart by `kind`.
 *
 * @example
 * const callerOf = (principal: Principal, isAdmin: boolean): Caller =>
 *   principal.kind === 'user' ? { kind: 'user', id: principal.userId, isAdmin } : { kind: 'api_key', id: principal.keyId, isAdmin, scopes: principal.scopes };
 */
export type Principal = UserPrincipal | ApiKeyPrincipal;

/**
 * The tenant a request acts in, and the caller's role there.
 *
 * @example
 * const tenant: TenantContext = getTenant(c);
 * const page = await listJobs({ ctx: { db: getDb(c) }, input: { tenantId: tenant.id, limit: 20 } });
 */
export interface TenantContext {
  readonly id: string;
  readonly slug: string;
  readonly role: TenantRole;
}

/**
 * Who may call a route. `'public'`: anyone. An object: an authenticated caller, and
 * - `tenantRole`: a tenant-scoped route (tenant from `x-tenant-id`, id or slug) needing that role;
 * - `platformAdmin`: platform operators only;
 * - `scopes`: API keys are accepted when they hold all of these (without `scopes`, keys are refused);
 * - `apiKeysOnly`: users are refused (machine endpoints such as job runners).
 * Routes that say nothing need an authenticated user.
 *
 * @example
 * const access: RouteAccess = { tenantRole: 'member', scopes: ['jobs:write'] };
 * definePage({ path: '/projects', title: 'Projects', access: { tenantRole: 'viewer' }, render: ProjectsPage });
 */
export type RouteAccess =
  | 'public'
  | {
      readonly tenantRole?: TenantRole;
      readonly platformAdmin?: boolean;
      readonly scopes?: readonly string[];
      readonly apiKeysOnly?: boolean;
    };

/**
 * Turns request credentials into a principal; implemented by the auth plugin.
 *
 * @example
 * const authenticator: Authenticator = {
 *   async authenticate(c) {
 *     const cookie = getCookie(c, SESSION_COOKIE);
 *     return cookie ? sessionPrincipal(c, cookie) : null;
 *   },
 * };
 * ctx.extensionPoint(coreExtensionPoints.access).setAuthenticator(authenticator);
 */
export interface Authenticator {
  /** `null` when the request carries no credentials; throws an `unauthorized` AtollError when they are bad. */
  authenticate(c: Context): Promise<Principal | null>;
  /**
   * Optional: the user the credentials name, as far as it can be known without the database (an
   * access token's signature and expiry checked; whether its session still lives is not), or
   * `undefined`. The host then looks up the tenant membership in the same round trip as
   * `authenticate`'s own lookup, and keeps it only if `authenticate` confirms that user.
   */
  claim?(c: Context): Promise<{ userId: string } | undefined>;
}

/**
 * Resolves `x-tenant-id` (id or slug) for a principal; implemented by the tenants plugin.
 *
 * @example
 * export const tenantResolver: TenantResolver = {
 *   async resolve(c, principal, ref) {
 *     const tenant = await findTenantForPrincipal(getDb(c), principal, ref);
 *     return tenant ? { id: tenant.id, slug: tenant.slug, role: tenant.role } : null;
 *   },
 * };
 */
export interface TenantResolver {
  /** `null` when the tenant does not exist or the principal is not a member (the same answer). */
  resolve(c: Context, principal: Principal, tenantRef: string): Promise<TenantContext | null>;
}

/**
 * The kernel's access extension point: the identity plugins plug in here.
 *
 * @example
 * const access: AccessExtension = ctx.extensionPoint(coreExtensionPoints.access);
 * access.setAuthenticator(createAuthenticator(state));
 * access.setLoginPath('/app/login');
 */
export interface AccessExtension {
  setAuthenticator(authenticator: Authenticator): void;
  setTenantResolver(resolver: TenantResolver): void;
  /** Where pages send unauthenticated browsers (e.g. `/app/login`). */
  setLoginPath(path: string): void;
  /** Where tenant-scoped pages send a browser that has not chosen a tenant (e.g. `/app/tenants`). */
  setTenantPickerPath(path: string): void;
}

declare module 'hono' {
  interface ContextVariableMap {
    principal: Principal | undefined;
    tenant: TenantContext | undefined;
    /** The tenant a route names itself (e.g. in its path); wins over `x-tenant-id`. See `setTenantRef`. */
    tenantRef: string | undefined;
  }
}
