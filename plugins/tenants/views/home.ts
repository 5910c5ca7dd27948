import { getDb, type HomeSource } from 'atoll/plugin';
import { readSetupProgress } from '../services/setup-progress';

/** The tenants plugin's getting-started steps on the home page: a tenant, a second member, an API key. */
export const tenantsHome: HomeSource = async (c, tenant) => {
  const principal = c.get('principal');
  if (principal?.kind !== 'user') return {};
  const progress = await readSetupProgress({ ctx: { db: getDb(c) }, input: { userId: principal.userId, tenantId: tenant?.id } });
  return {
    steps: [
      { order: 10, label: 'Create a tenant', href: '/app/tenants/new', done: progress.hasTenant },
      { order: 60, label: 'Invite a member', href: '/app/tenants/members', done: progress.hasOtherMember },
      { order: 70, label: 'Create an API key', href: '/app/tenants/api-keys', done: progress.hasApiKey },
    ],
  };
};
