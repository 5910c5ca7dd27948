import type { AppContext, Database } from 'atoll/plugin';
import { listMyTenants } from '../services/list-my-tenants';
import { setTenantCookie } from './current-tenant';

/**
 * After a sign-in through the pages: a user with exactly one tenant is put in it, so tenant pages
 * open without the chooser. API sign-ins are left alone (programs name the tenant per request).
 */
export async function landInOnlyTenant({ db, userId, c }: { db: Database; userId: string; c: AppContext }): Promise<void> {
  if (!c.req.path.startsWith('/app/')) return;
  const { items } = await listMyTenants({ ctx: { db }, input: { userId, limit: 2 } });
  if (items.length === 1) setTenantCookie(c, items[0]!.id);
}
