// Direct database access for the tenants plugin's tests (as the app role, so RLS applies).
import { env } from 'cloudflare:workers';
import { openDatabase } from '../../worker/db/connect';
import type { Database } from '../../worker/db/database';
import { createLogger } from '../../worker/logger';

/** Runs `fn` with its own connection to the test database, closed afterwards. */
export async function withDatabase<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const handle = openDatabase({ driver: 'hyperdrive', connectionString: (env.HYPERDRIVE as Hyperdrive).connectionString }, createLogger('error'));
  try {
    return await fn(handle.db);
  } finally {
    await handle.close();
  }
}
