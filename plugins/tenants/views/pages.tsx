import { definePage, type ApiScopes, type PageDefinition } from 'atoll/plugin';
import type { UsersLookup } from '../services/users';
import { ApiKeysPage, createApiKeyFromForm, revokeApiKeyFromForm } from './api-keys-page';
import { addMemberFromForm, changeRoleFromForm, MembersPage, removeMemberFromForm } from './members-page';
import { createTenantFromForm, NewTenantPage, switchTenant, TenantsPage } from './tenants-pages';

/** The tenants plugin's pages under `/app/tenants`; the current tenant comes from the switcher's cookie. */
export const tenantPages = (users: UsersLookup, scopes: ApiScopes): PageDefinition[] => [
  definePage({ path: '/tenants', title: 'Tenants', nav: { label: 'Tenants', order: 10 }, render: TenantsPage }),
  definePage({ path: '/tenants/new', title: 'New tenant', render: NewTenantPage }),
  definePage({ path: '/tenants/new', method: 'post', title: 'New tenant', render: createTenantFromForm }),
  definePage({ path: '/tenants/switch', method: 'post', title: 'Switch tenant', render: switchTenant }),
  definePage({ path: '/tenants/members', title: 'Members', render: (c) => MembersPage(c, users) }),
  definePage({ path: '/tenants/members', method: 'post', title: 'Members', render: (c) => addMemberFromForm(c, users) }),
  definePage({ path: '/tenants/members/role', method: 'post', title: 'Members', render: changeRoleFromForm }),
  definePage({ path: '/tenants/members/remove', method: 'post', title: 'Members', render: removeMemberFromForm }),
  definePage({ path: '/tenants/api-keys', title: 'API keys', render: (c) => ApiKeysPage(c) }),
  definePage({ path: '/tenants/api-keys', method: 'post', title: 'API keys', render: (c) => createApiKeyFromForm(c, scopes) }),
  definePage({ path: '/tenants/api-keys/revoke', method: 'post', title: 'API keys', render: revokeApiKeyFromForm }),
];
