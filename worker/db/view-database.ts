import { drizzle } from 'drizzle-orm/node-postgres';
import type { Database } from './database';
import { UnitOfWorkView } from './unit-of-work';

/** Drizzle over a unit-of-work view (node-postgres dialect: the view speaks pg's client API). */
export const databaseOn = (view: UnitOfWorkView): Database => drizzle({ client: view as never }) as unknown as Database;

/** The unit-of-work view behind a database, when it is one (a request's, or a transaction of it). */
export function viewOf(db: Database): UnitOfWorkView | undefined {
  const client = (db as unknown as { session?: { client?: unknown } }).session?.client;
  return client instanceof UnitOfWorkView ? client : undefined;
}
