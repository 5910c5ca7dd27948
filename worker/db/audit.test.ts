import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../logger';
import { encodeCursor } from '../plugin/cursor';
import { deleteAuditEntries, listAuditEntries, recordAudit } from './audit';
import { openDatabase } from './connect';
import type { Database } from './database';
import { runInTenant } from './tenant-scope';

async function withDatabase<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const handle = openDatabase({ driver: 'hyperdrive', connectionString: (env.HYPERDRIVE as Hyperdrive).connectionString }, createLogger('error'));
  try {
    return await fn(handle.db);
  } finally {
    await handle.close();
  }
}

const record = (db: Database, tenantId: string, action: string) =>
  runInTenant(db, tenantId, (tx) => recordAudit(tx, { tenantId, actorType: 'system', actorId: null, action, targetType: 'thing', targetId: action }));

describe('listAuditEntries', () => {
  it("pages through one tenant's entries, newest first, and never another tenant's", async () => {
    await withDatabase(async (db) => {
      const [a, b] = [crypto.randomUUID(), crypto.randomUUID()];
      for (const action of ['test.first', 'test.second', 'test.third']) await record(db, a, action);
      await record(db, b, 'test.other');

      const first = await listAuditEntries(db, { tenantId: a, limit: 2 });
      expect(first?.items.map((e) => e.action)).toEqual(['test.third', 'test.second']);
      expect(first?.items[0]).toMatchObject({ actorType: 'system', actorId: null, targetType: 'thing', targetId: 'test.third', requestId: null, data: {} });
      expect(first?.items[0]?.createdAt).toBeInstanceOf(Date);
      expect(first?.nextCursor).toEqual(expect.any(String));

      const second = await listAuditEntries(db, { tenantId: a, limit: 2, cursor: first!.nextCursor! });
      expect(second).toEqual({ items: [expect.objectContaining({ action: 'test.first' })], nextCursor: null });

      expect((await listAuditEntries(db, { tenantId: b, limit: 10 }))?.items.map((e) => e.action)).toEqual(['test.other']);
    });
  });

  it('answers null for a cursor it did not make, so the plugin can answer its own 400', async () => {
    await withDatabase(async (db) => {
      const tenantId = crypto.randomUUID();
      for (const cursor of ['bogus!', encodeCursor(['yesterday', crypto.randomUUID()]), encodeCursor(['2026-01-02T03:04:05.123456Z'])]) {
        expect(await listAuditEntries(db, { tenantId, limit: 10, cursor }), cursor).toBeNull();
      }
    });
  });
});

describe('deleteAuditEntries', () => {
  it("erases one tenant's entries (through the tenants plugin's policy) and leaves the others", async () => {
    await withDatabase(async (db) => {
      const [a, b] = [crypto.randomUUID(), crypto.randomUUID()];
      await record(db, a, 'test.gone');
      await record(db, b, 'test.kept');
      await deleteAuditEntries(db, a);
      expect((await listAuditEntries(db, { tenantId: a, limit: 10 }))?.items).toEqual([]);
      expect((await listAuditEntries(db, { tenantId: b, limit: 10 }))?.items.map((e) => e.action)).toEqual(['test.kept']);
    });
  });
});
