import { sql } from 'drizzle-orm';
import type { Context } from 'hono';
import { AtollError } from '../errors';
import type { Database } from './database';
import { getDb } from './request-db';

/**
 * Settings row-level security policies read, e.g. `nullif(current_setting('atoll.tenant_id', true), '')::uuid`.
 * `tenantId`: the tenant a request acts in. `userId`: lets a user see their own rows across tenants
 * (their memberships). `apiKeyId`: lets the authenticator read the one key being presented.
 */
export interface Scope {
  tenantId?: string;
  userId?: string;
  apiKeyId?: string;
}

const SETTING: Record<keyof Scope, string> = { tenantId: 'atoll.tenant_id', userId: 'atoll.user_id', apiKeyId: 'atoll.api_key_id' };

/** Runs `fn` in a transaction with the scope's settings set locally (they end with the transaction). */
export function runInScope<T>(db: Database, scope: Scope, fn: (tx: Database) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    for (const [key, value] of Object.entries(scope) as [keyof Scope, string | undefined][]) {
      if (value !== undefined) await tx.execute(sql`select set_config(${SETTING[key]}, ${value}, true)`);
    }
    return fn(tx as unknown as Database);
  });
}

/**
 * Runs `fn` in a transaction bound to `tenantId`: row-level security then shows and accepts only
 * that tenant's rows, even for a query that forgets its tenant filter.
 */
export const runInTenant = <T>(db: Database, tenantId: string, fn: (tx: Database) => Promise<T>): Promise<T> =>
  runInScope(db, { tenantId }, fn);

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
