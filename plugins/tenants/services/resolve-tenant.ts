import { getDb, type TenantResolver } from 'atoll/plugin';
import { findTenantForUser, findTenantInScope } from './find-tenant';

/**
 * The kernel's tenant resolver: users get their membership role, read fresh on every request (a
 * removed member loses access at once); an API key resolves only its own tenant, with its role
 * ceiling (and its scopes decide which routes it may call at all).
 */
export const tenantResolver: TenantResolver = {
  async resolve(c, principal, ref) {
    const db = getDb(c);
    if (principal.kind === 'api_key') {
      if (principal.tenantSlug !== undefined) {
        const own = ref.toLowerCase() === principal.tenantId || ref === principal.tenantSlug;
        return own ? { id: principal.tenantId, slug: principal.tenantSlug, role: principal.role } : null;
      }
      const tenant = await findTenantInScope({ ctx: { db }, input: { tenantId: principal.tenantId, ref } });
      return tenant ? { id: tenant.id, slug: tenant.slug, role: principal.role } : null;
    }
    const tenant = await findTenantForUser({ ctx: { db }, input: { userId: principal.userId, ref } });
    return tenant ? { id: tenant.id, slug: tenant.slug, role: tenant.role } : null;
  },
};
