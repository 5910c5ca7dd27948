import { sql } from 'drizzle-orm';
import type { Context } from 'hono';
import { AtollError } from '../errors';
import type { Database } from './database';
import { getDb } from './request-db';

/** The setting row-level security policies read: `current_setting('atoll.tenant_id', true)`. */
export const TENANT_SETTING = 'atoll.tenant_id';

/**
 * Runs `fn` in a transaction bound to `tenantId`: row-level security then shows and accepts only
 * that tenant's rows, even for a query that forgets its tenant filter.
 */
export function runInTenant<T>(db: Database, tenantId: string, fn: (tx: Database) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config(${TENANT_SETTING}, ${tenantId}, true)`);
    return fn(tx as unknown as Database);
  });
}

/**
 * `runInTenant` for the request's tenant (a route declared with `access: { tenantRole }`).
 *
 * @example
 * const rows = await withTenant(c, (tx) => tx.select().from(projects));
 */
export function withTenant<T>(c: Context, fn: (tx: Database) => Promise<T>): Promise<T> {
  const tenant = c.get('tenant');
  if (!tenant) throw new AtollError('internal', 'KERNEL_NO_TENANT', 'This route has no tenant context');
  return runInTenant(getDb(c), tenant.id, fn);
}
