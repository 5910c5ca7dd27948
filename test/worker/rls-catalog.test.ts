// The catalog check behind "row-level security is the second wall": whatever a migration adds, a
// table that holds tenant rows (a `tenant_id` column) must have RLS enabled and forced and carry a
// policy. rls.test.ts and the plugins' rls tests show what the policies do; this one finds tables
// nobody wrote such a test for.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { rlsGaps, tenantTables as tablesIn } from '../../worker/plugin/testing/rls';

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

// The same catalog query the plugins' conformance suites run, over every table of every schema.
const tenantTables = () => tablesIn({ driver: 'hyperdrive', connectionString: (env.HYPERDRIVE as Hyperdrive).connectionString });

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
      const missing = rlsGaps(t);
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
