import { type ApiScopes, type AppContext, definePage, type HostInfo, type PageDefinition } from 'atoll/plugin';
import type { Child } from 'hono/jsx';
import type { UsersLookup } from '../services/users';
import { ApiKeysPage, createApiKeyFromForm, revokeApiKeyFromForm } from './api-keys-page';
import { AuditPage } from './audit-page';
import { currentTenant } from './current-tenant';
import { addMemberFromForm, changeRoleFromForm, MembersPage, removeMemberFromForm } from './members-page';
import { SettingsNav } from './settings-nav';
import { SettingsPage } from './settings-page';
import { createTenantFromForm, NewTenantPage, switchTenant, TenantsPage } from './tenants-pages';

/** The API keys page (GET, and the create post that shows the secret) under the settings navigation. */
const inSettings = (render: (c: AppContext) => Promise<Child | Response>) => async (c: AppContext) => {
  const [tenant, body] = await Promise.all([currentTenant(c), render(c)]);
  if (body instanceof Response) return body;
  return (
    <>
      <SettingsNav current="/app/tenants/api-keys" role={tenant?.role} />
      {body}
    </>
  );
};

/**
 * The tenants plugin's pages: the settings area (`/app/settings`, linked from the layout's
 * navigation) and the tenant pages under `/app/tenants`; the current tenant comes from the
 * switcher's cookie.
 */
export const tenantPages = (users: UsersLookup, scopes: ApiScopes, host: HostInfo): PageDefinition[] => [
  definePage({ path: '/settings', title: 'Settings', nav: { label: 'Settings', order: 950 }, render: (c) => SettingsPage(c, host) }),
  definePage({ path: '/tenants', title: 'Tenants', render: TenantsPage }),
  definePage({ path: '/tenants/new', title: 'New tenant', render: NewTenantPage }),
  definePage({ path: '/tenants/new', method: 'post', title: 'New tenant', render: createTenantFromForm }),
  definePage({ path: '/tenants/switch', method: 'post', title: 'Switch tenant', render: switchTenant }),
  definePage({ path: '/tenants/members', title: 'Members', render: (c) => MembersPage(c, users) }),
  definePage({ path: '/tenants/members', method: 'post', title: 'Members', render: (c) => addMemberFromForm(c, users) }),
  definePage({ path: '/tenants/members/role', method: 'post', title: 'Members', render: changeRoleFromForm }),
  definePage({ path: '/tenants/members/remove', method: 'post', title: 'Members', render: removeMemberFromForm }),
  definePage({ path: '/tenants/api-keys', title: 'API keys', render: inSettings((c) => ApiKeysPage(c, scopes)) }),
  definePage({ path: '/tenants/api-keys', method: 'post', title: 'API keys', render: inSettings((c) => createApiKeyFromForm(c, scopes)) }),
  definePage({ path: '/tenants/api-keys/revoke', method: 'post', title: 'API keys', render: revokeApiKeyFromForm }),
  definePage({ path: '/tenants/audit', title: 'Audit log', render: AuditPage }),
];
