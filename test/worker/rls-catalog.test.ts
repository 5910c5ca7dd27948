// The catalog check behind "row-level security is the second wall": whatever a migration adds, a
// table that holds tenant rows (a `tenant_id` column) must have RLS enabled and forced and carry a
// policy. rls.test.ts and the plugins' rls tests show what the policies do; this one finds tables
// nobody wrote such a test for.
import { env } from 'cloudflare:workers';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../worker/db/connect';
import { createLogger } from '../../worker/logger';

interface TenantTable {
  name: string;
  enabled: boolean;
  forced: boolean;
  policies: number;
  /** Roles other than the owner holding any privilege on the table. */
  grantees: string[];
}

/**
 * Tables with a `tenant_id` that are guarded otherwise, and why. An exemption holds only while no
 * role but the table's owner (the app) has any right on it, which the test checks too.
 */
const EXEMPT: Record<string, string> = {
  // plugins/datasets/migrations/0003_sql_reader_role.sql: a policy on atoll.tenant_id would let a
  // query forging the setting hide its own grant; rows are never committed and only the owner may
  // touch the table.
  'public.datasets_sql_grants': 'read-only SQL grants, keyed by transaction id',
};

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

async function tenantTables(): Promise<TenantTable[]> {
  const handle = openDatabase({ driver: 'hyperdrive', connectionString: (env.HYPERDRIVE as Hyperdrive).connectionString }, createLogger('error'));
  try {
    return (await handle.db.execute(TENANT_TABLES)).rows as unknown as TenantTable[];
  } finally {
    await handle.close();
  }
}

describe('row-level security in the catalog (after every migration)', () => {
  it('finds the tenant-owned tables of the kernel and the plugins', async () => {
    // Guards the check below against passing on an empty result (a wrong connection or schema).
    const names = (await tenantTables()).map((t) => t.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'public.kernel_audit_log',
        'public.tenants_memberships',
        'public.tenants_api_keys',
        'public.projects',
        'public.artifacts',
        'public.datasets',
        'public.dashboards',
        'public.jobs',
      ]),
    );
  });

  it('has RLS enabled and forced, with at least one policy, on every table with a tenant_id column', async () => {
    const violations = (await tenantTables()).flatMap((t) => {
      if (t.name in EXEMPT) return [];
      const missing = [!t.enabled && 'RLS not enabled', !t.forced && 'RLS not forced', t.policies === 0 && 'no policy'].filter(Boolean);
      return missing.length === 0 ? [] : [`${t.name}: ${missing.join(', ')}`];
    });
    expect(violations, `tables with a tenant_id column that row-level security does not guard:\n${violations.join('\n')}`).toEqual([]);
  });

  it('keeps each exemption to a table that exists, lacks RLS and that only its owner can touch', async () => {
    const tables = new Map((await tenantTables()).map((t) => [t.name, t]));
    for (const name of Object.keys(EXEMPT)) {
      const table = tables.get(name);
      expect(table, `${name} is exempt but no longer has a tenant_id column: drop the exemption`).toBeDefined();
      expect(table!.enabled && table!.forced && table!.policies > 0, `${name} is guarded by RLS now: drop the exemption`).toBe(false);
      expect(table!.grantees, `${name} is exempt from RLS, so no other role may hold rights on it`).toEqual([]);
    }
  });
});
