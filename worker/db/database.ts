import type { NodePgQueryResultHKT } from 'drizzle-orm/node-postgres';
import type { PgDatabase } from 'drizzle-orm/pg-core';

/**
 * Drizzle over Postgres, whichever driver opened it (pg through Hyperdrive, or Neon's Pool). Both
 * return node-postgres shaped results (`{ rows, rowCount }`).
 *
 * @example
 * export async function countProjects(tx: Database): Promise<number> {
 *   return (await tx.select({ n: count() }).from(projects))[0]!.n;
 * }
 */
export type Database = PgDatabase<NodePgQueryResultHKT>;
