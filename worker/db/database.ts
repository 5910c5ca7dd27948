import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';

/** Drizzle over Postgres, whichever driver opened it (pg through Hyperdrive, or Neon's Pool). */
export type Database = PgDatabase<PgQueryResultHKT>;
