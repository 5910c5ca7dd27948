import { env } from 'cloudflare:workers';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { recordAudit } from '../../worker/db/audit';
import { openDatabase } from '../../worker/db/connect';
import { auditLog } from '../../worker/db/schema';
import { runInScope, runInTenant } from '../../worker/db/tenant-scope';
import { createLogger } from '../../worker/logger';

const handle = () => openDatabase({ driver: 'hyperdrive', connectionString: (env.HYPERDRIVE as Hyperdrive).connectionString }, createLogger('error'));

describe('row-level security on the audit log', () => {
  it('shows a tenant only its own rows, even to a query with no tenant filter', async () => {
    const db = handle();
    try {
      const [a, b] = [crypto.randomUUID(), crypto.randomUUID()];
      await runInTenant(db.db, a, (tx) => recordAudit(tx, { tenantId: a, actorType: 'system', actorId: null, action: 'test.a' }));
      await runInTenant(db.db, b, (tx) => recordAudit(tx, { tenantId: b, actorType: 'system', actorId: null, action: 'test.b' }));
      const seenByA = await runInTenant(db.db, a, (tx) => tx.select().from(auditLog));
      expect(seenByA.map((r) => r.tenantId)).toEqual([a]);
      const seenOutsideAnyTenant = await runInScope(db.db, {}, (tx) => tx.select().from(auditLog));
      expect(seenOutsideAnyTenant).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it('refuses to write a row for another tenant', async () => {
    const db = handle();
    try {
      const [a, b] = [crypto.randomUUID(), crypto.randomUUID()];
      await expect(runInTenant(db.db, a, (tx) => recordAudit(tx, { tenantId: b, actorType: 'system', actorId: null, action: 'test.cross' }))).rejects.toThrow();
    } finally {
      await db.close();
    }
  });

  it('keeps the tenant setting local to its transaction', async () => {
    const db = handle();
    try {
      await runInTenant(db.db, crypto.randomUUID(), async () => {});
      const result = await db.db.execute(sql`select current_setting('atoll.tenant_id', true) as t`);
      expect([null, '']).toContain((result.rows[0] as { t: string | null }).t);
    } finally {
      await db.close();
    }
  });

  it('runs the app as a role that cannot bypass row-level security', async () => {
    const db = handle();
    try {
      const result = await db.db.execute(sql`select rolsuper, rolbypassrls from pg_roles where rolname = current_user`);
      expect(result.rows[0]).toEqual({ rolsuper: false, rolbypassrls: false });
    } finally {
      await db.close();
    }
  });
});
