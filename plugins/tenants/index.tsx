import { coreExtensionPoints, coreServices, definePlugin, getDb } from 'atoll/plugin';
import { authCredentialsExtension, authEventsExtension, usersServiceRef } from '../auth';
import { apiKeyRoutes } from './routes/api-keys';
import { auditRoutes } from './routes/audit';
import { memberRoutes } from './routes/members';
import { TENANT_ROUTES, tenantFromPath } from './routes/path-tenant';
import { tenantRoutes } from './routes/tenants';
import { API_KEY_PREFIX } from './services/api-key-secret';
import { recordSignIns } from './services/record-sign-ins';
import { tenantResolver } from './services/resolve-tenant';
import { verifyApiKey } from './services/verify-api-key';
import { tenantsHome } from './views/home';
import { landInOnlyTenant } from './views/land-in-tenant';
import { tenantPages } from './views/pages';
import { TenantSwitcher } from './views/switcher';

/**
 * Tenants, memberships and roles, API keys, and the tenant audit log. Resolves the tenant of every
 * tenant-scoped route (all plugins), verifies `atk_` API keys for the auth plugin, and adds the
 * tenant switcher to the page header. Permissions: see README.md.
 */
export const tenantsPlugin = definePlugin(() => ({
  id: 'tenants',
  version: '0.1.0',
  description: 'Tenants, members and roles, API keys, audit log',
  host: '^0.1.0',
  requires: ['auth'],
  migrations: 'plugins/tenants/migrations',
  routes: (ctx) => [...tenantRoutes(ctx.service(coreServices.storage)), ...memberRoutes(ctx.service(usersServiceRef)), ...apiKeyRoutes(ctx.service(coreServices.apiScopes)), ...auditRoutes()],
  views: (ctx) => tenantPages(ctx.service(usersServiceRef), ctx.service(coreServices.apiScopes), ctx.service(coreServices.host)),
  setup: (ctx) => {
    ctx.extensionPoint(coreExtensionPoints.access).setTenantResolver(tenantResolver);
    ctx.extensionPoint(coreExtensionPoints.access).setTenantPickerPath('/app/tenants');
    ctx.extensionPoint(coreExtensionPoints.layout).addHeaderWidget(TenantSwitcher, 20);
    ctx.extensionPoint(coreExtensionPoints.home).addSource(tenantsHome);
    ctx.extensionPoint(authCredentialsExtension).addVerifier({
      prefix: API_KEY_PREFIX,
      verify: (c, token) => verifyApiKey({ ctx: { db: getDb(c) }, input: { secret: token } }),
    });
    ctx.extensionPoint(authEventsExtension).onSignIn(({ db, userId, c }) => recordSignIns({ ctx: { db, request: c }, input: { userId } }));
    ctx.extensionPoint(authEventsExtension).onSignIn(landInOnlyTenant);
    ctx.use(TENANT_ROUTES, tenantFromPath);
  },
}));
