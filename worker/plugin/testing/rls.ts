// The catalog check behind "row-level security is the second wall": a table that holds tenant rows
// (a `tenant_id` column) must have RLS enabled and forced and carry a policy. Read on a connection
// of its own, as the app's database role sees the catalog.
import { sql } from 'drizzle-orm';
import type { DatabaseConfig } from '../../config';
import { openDatabase } from '../../db/connect';
import { createLogger } from '../../logger';

export interface TenantTable {
  /** `schema.table`. */
  name: string;
  enabled: boolean;
  forced: boolean;
  policies: number;
  /** Roles other than the owner holding any privilege on the table. */
  grantees: string[];
}

// Every schema but Postgres's own: a plugin that puts tables in a schema of its own is covered too.
// Partitions are ordinary tables here (relkind 'r'): each needs its own policies, so each is listed.
const TENANT_TABLES = sql`
  select format('%I.%I', n.nspname, c.relname) as name,
         c.relrowsecurity as enabled,
         c.relforcerowsecurity as forced,
         (select count(*)::int from pg_policy p where p.polrelid = c.oid) as policies,
         array(select distinct g.grantee::regrole::text from aclexplode(c.relacl) g
                where g.grantee <> c.relowner order by 1) as grantees
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and a.attnum > 0 and not a.attisdropped
   where c.relkind in ('r', 'p')
     and n.nspname not in ('pg_catalog', 'information_schema')
     and n.nspname not like 'pg\\_toast%'
     and n.nspname not like 'pg\\_temp%'
   order by 1`;

/** Every table with a `tenant_id` column in the database, with its row-level security state. */
export async function tenantTables(database: DatabaseConfig): Promise<TenantTable[]> {
  const handle = openDatabase(database, createLogger('error'));
  try {
    return (await handle.db.execute(TENANT_TABLES)).rows as unknown as TenantTable[];
  } finally {
    await handle.close();
  }
}

/** What row-level security lacks on `table`, or an empty list when it is guarded. */
export const rlsGaps = (table: TenantTable): string[] =>
  [!table.enabled && 'RLS not enabled', !table.forced && 'RLS not forced', table.policies === 0 && 'no policy'].filter((gap): gap is string => typeof gap === 'string');

/** Whether `table` (`schema.table`) belongs to plugin `pluginId` by the table prefix convention (`cluster-admin` → `cluster_admin`, `cluster_admin_*`). */
export function ownedByPlugin(table: string, pluginId: string): boolean {
  const name = table.slice(table.indexOf('.') + 1).replace(/"/g, '');
  const prefix = pluginId.replace(/-/g, '_');
  return name === prefix || name.startsWith(`${prefix}_`);
}
