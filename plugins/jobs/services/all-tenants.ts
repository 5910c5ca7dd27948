import { type Database, runInScope } from 'atoll/plugin';

/**
 * Runs `fn` in a transaction where the jobs tables' `jobs_all_tenants` policy applies: the runner
 * paths (claim for the platform runner, assignments, the sweep, dispatch) reach every tenant's jobs.
 * Callers filter by tenant or assignment themselves; the setting ends with the transaction.
 */
export function runAllTenants<T>(db: Database, fn: (tx: Database) => Promise<T>): Promise<T> {
  return runInScope(db, { settings: { 'atoll.jobs_all_tenants': 'on' } }, fn);
}
