import { sql } from 'drizzle-orm';
import type { Context } from 'hono';
import { AtollError } from '../errors';
import type { Database } from './database';
import { getDb } from './request-db';
import { settingsOf } from './unit-of-work';
import { databaseOn, viewOf } from './view-database';

/**
 * Settings row-level security policies read, e.g. `nullif(current_setting('atoll.tenant_id', true), '')::uuid`.
 * `tenantId`: the tenant a request acts in. `userId`: lets a user see their own rows across tenants
 * (their memberships). `apiKeyId`: lets the authenticator read the one key being presented.
 * `settings`: a plugin's own `atoll.<name>` settings for its policies (e.g. `atoll.jobs_all_tenants`).
 *
 * @example
 * const scope: Scope = { userId: user.userId };
 */
export interface Scope {
  tenantId?: string;
  userId?: string;
  apiKeyId?: string;
  settings?: Readonly<Record<string, string>>;
}

/**
 * Runs `fn` with the scope's settings (added to any the caller already runs under). On a request's
 * database this is a savepoint of the request's transaction whose settings travel with its first
 * statement, so it costs no round trip of its own; elsewhere it is a transaction of its own. Either
 * way a failure inside `fn` undoes only `fn`'s statements.
 *
 * @example
 * const swept = await runInScope(db, { settings: { 'atoll.datasets_sweep': 'on' } }, (tx) => failStaleRuns(tx));
 */
export async function runInScope<T>(db: Database, scope: Scope, fn: (tx: Database) => Promise<T>): Promise<T> {
  const view = viewOf(db);
  if (view) {
    const defined = Object.fromEntries(Object.entries(scope).filter(([, v]) => v !== undefined));
    const settings = { ...view.scope.settings, ...scope.settings };
    const child = view.child({ ...view.scope, ...defined, settings });
    try {
      const result = await fn(databaseOn(child));
      child.end(false);
      return result;
    } catch (error) {
      child.end(true);
      throw error;
    }
  }
  return db.transaction(async (tx) => {
    for (const [name, value] of Object.entries(settingsOf(scope))) await tx.execute(sql`select set_config(${name}, ${value}, true)`);
    return fn(tx as unknown as Database);
  });
}

/**
 * Runs `fn` in a transaction bound to `tenantId`: row-level security then shows and accepts only
 * that tenant's rows, even for a query that forgets its tenant filter.
 *
 * @example
 * const [row] = await runInTenant(ctx.db, tenantId, (tx) => tx.select().from(projects).where(eq(projects.id, projectId)));
 */
export const runInTenant = <T>(db: Database, tenantId: string, fn: (tx: Database) => Promise<T>): Promise<T> => runInScope(db, { tenantId }, fn);

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
