import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog as auditLogTable } from '../../worker/db/schema';
import { runInScope, runInTenant } from '../../worker/db/tenant-scope';
import { apiKeys, memberships, tenants } from './db/schema';
import { withDatabase } from './db-access';
import { bootTenants, call, memberOf, ownerWithTenant } from './testing';

const atoll = await bootTenants();

async function tenantWithData(label: string) {
  const { owner, tenant } = await ownerWithTenant(atoll, label);
  const member = await memberOf(atoll, tenant.id, owner, 'member');
  const key = await call(atoll, 'POST', `/api/v1/tenants/${tenant.id}/api-keys`, owner, { body: { name: label, scopes: ['things:read'] }, status: 201 });
  return { owner, member, tenant, key };
}

describe('row-level security', () => {
  it('shows tenant A none of tenant B’s memberships, keys or tenant row, with no tenant filter in the query', async () => {
    const a = await tenantWithData('rls-a');
    const b = await tenantWithData('rls-b');
    await withDatabase(async (db) => {
      const seen = await runInTenant(db, a.tenant.id, async (tx) => ({
        memberships: await tx.select().from(memberships),
        keys: await tx.select().from(apiKeys),
        tenants: await tx.select().from(tenants),
      }));
      expect(new Set(seen.memberships.map((m) => m.tenantId))).toEqual(new Set([a.tenant.id]));
      expect(seen.memberships.map((m) => m.userId).sort()).toEqual([a.owner.userId, a.member.userId].sort());
      expect(seen.keys.map((k) => k.id)).toEqual([a.key.id]);
      expect(seen.tenants.map((t) => t.id)).toEqual([a.tenant.id]);
      expect(JSON.stringify(seen)).not.toContain(b.tenant.id);
    });
  });

  it('shows nothing at all outside any scope', async () => {
    await tenantWithData('rls-none');
    await withDatabase(async (db) => {
      const seen = await runInScope(db, {}, async (tx) => [...(await tx.select().from(memberships)), ...(await tx.select().from(apiKeys)), ...(await tx.select().from(tenants))]);
      expect(seen).toEqual([]);
    });
  });

  it('shows a user only their own memberships and tenants across tenants', async () => {
    const a = await tenantWithData('rls-user');
    const b = await tenantWithData('rls-other');
    await withDatabase(async (db) => {
      const seen = await runInScope(db, { userId: a.member.userId }, async (tx) => ({
        memberships: await tx.select().from(memberships),
        tenants: await tx.select().from(tenants),
        keys: await tx.select().from(apiKeys),
      }));
      expect(seen.memberships.map((m) => [m.tenantId, m.userId])).toEqual([[a.tenant.id, a.member.userId]]);
      expect(seen.tenants.map((t) => t.id)).toEqual([a.tenant.id]);
      expect(seen.keys).toEqual([]);
      expect(JSON.stringify(seen)).not.toContain(b.tenant.id);
    });
  });

  it('shows an API key scope only that one key, read-only', async () => {
    const a = await tenantWithData('rls-key');
    await tenantWithData('rls-key-other');
    await withDatabase(async (db) => {
      const seen = await runInScope(db, { apiKeyId: a.key.id }, (tx) => tx.select().from(apiKeys));
      expect(seen.map((k) => k.id)).toEqual([a.key.id]);
      const updated = await runInScope(db, { apiKeyId: a.key.id }, (tx) => tx.update(apiKeys).set({ name: 'hijacked' }).where(eq(apiKeys.id, a.key.id)).returning());
      expect(updated).toEqual([]);
    });
  });

  it("refuses to write into another tenant's tables", async () => {
    const a = await tenantWithData('rls-write-a');
    const b = await tenantWithData('rls-write-b');
    await withDatabase(async (db) => {
      await expect(runInTenant(db, a.tenant.id, (tx) => tx.insert(memberships).values({ tenantId: b.tenant.id, userId: a.owner.userId, role: 'owner' }))).rejects.toThrow();
      const removed = await runInTenant(db, a.tenant.id, (tx) => tx.delete(memberships).where(eq(memberships.tenantId, b.tenant.id)).returning());
      expect(removed).toEqual([]);
      const renamed = await runInTenant(db, a.tenant.id, (tx) => tx.update(tenants).set({ name: 'pwned' }).where(eq(tenants.id, b.tenant.id)).returning());
      expect(renamed).toEqual([]);
    });
  });
});

describe('deleting a tenant', () => {
  it('removes its memberships, API keys and audit rows, and nothing of other tenants', async () => {
    const a = await tenantWithData('del-a');
    const b = await tenantWithData('del-b');
    await call(atoll, 'DELETE', `/api/v1/tenants/${a.tenant.id}`, a.owner, { status: 204 });
    await call(atoll, 'GET', '/api/v1/things', a.key.secret, { status: 401 });
    await call(atoll, 'GET', '/api/v1/things', b.key.secret, { status: 200 });
    await withDatabase(async (db) => {
      const count = (tenantId: string) =>
        runInTenant(db, tenantId, async (tx) => ({
          tenants: (await tx.select().from(tenants)).length,
          memberships: (await tx.select().from(memberships)).length,
          keys: (await tx.select().from(apiKeys)).length,
          audit: (await tx.select().from(auditLogTable).where(eq(auditLogTable.tenantId, tenantId))).length,
        }));
      expect(await count(a.tenant.id)).toEqual({ tenants: 0, memberships: 0, keys: 0, audit: 0 });
      const left = await count(b.tenant.id);
      expect(left).toMatchObject({ tenants: 1, memberships: 2, keys: 1 });
      expect(left.audit).toBeGreaterThanOrEqual(3);
    });
  });
});
