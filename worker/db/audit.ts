import { and, desc, eq, sql } from 'drizzle-orm';
import type { Context } from 'hono';
import type { Principal } from '../access/types';
import { CURSOR_PARTS, decodeCursor, encodeCursor } from '../plugin/cursor';
import type { Database } from './database';
import { auditLog } from './schema';
import { runInTenant } from './tenant-scope';

/**
 * Who performs a change, as the audit log records it.
 *
 * @example
 * const actor: Actor = { type: 'user', id: user.userId };
 */
export interface Actor {
  type: 'user' | 'api_key' | 'system';
  id: string | null;
}

/**
 * The audit actor for a request's principal (none: the system itself).
 *
 * @example
 * const actor = actorOf(c.get('principal'));
 * await recordAudit(tx, { tenantId, actorType: actor.type, actorId: actor.id, action: 'projects.created' }, c);
 */
export const actorOf = (principal: Principal | undefined): Actor =>
  !principal ? { type: 'system', id: null } : principal.kind === 'user' ? { type: 'user', id: principal.userId } : { type: 'api_key', id: principal.keyId };

/**
 * One change to record with `recordAudit`.
 *
 * @example
 * const entry: AuditEntry = { tenantId, actorType: 'user', actorId: userId, action: 'projects.deleted', targetType: 'project', targetId: id, data: { force: true } };
 */
export interface AuditEntry {
  /** Null for platform-level actions. */
  tenantId: string | null;
  actorType: 'user' | 'api_key' | 'system';
  actorId: string | null;
  /** `<plugin>.<verb>`, e.g. `tenants.member_added`. */
  action: string;
  targetType?: string;
  targetId?: string;
  data?: Record<string, unknown>;
}

/**
 * An entry as the audit log holds it: what was recorded, with its id, the request that made it and
 * when.
 *
 * @example
 * const present = (e: StoredAuditEntry) => ({ ...e, createdAt: e.createdAt.toISOString() });
 */
export interface StoredAuditEntry {
  id: string;
  actorType: string;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  requestId: string | null;
  data: Record<string, unknown>;
  createdAt: Date;
}

/**
 * Writes an audit row. Call it with the transaction that makes the change, so both land or neither.
 * Pass the request context to record its request id.
 *
 * @example
 * await runInTenant(getDb(c), tenantId, async (tx) => {
 *   const [row] = await tx.insert(projects).values({ tenantId, name }).returning();
 *   await recordAudit(tx, { tenantId, actorType: 'user', actorId: userId, action: 'projects.created', targetType: 'project', targetId: row!.id }, c);
 * });
 */
export async function recordAudit(db: Database, entry: AuditEntry, c?: Context): Promise<void> {
  await db.insert(auditLog).values({
    tenantId: entry.tenantId,
    actorType: entry.actorType,
    actorId: entry.actorId,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    requestId: c?.get('requestId') ?? null,
    data: entry.data ?? {},
  });
}

const CURSOR_SHAPE = [CURSOR_PARTS.time, CURSOR_PARTS.uuid] as const;

/**
 * A page of a tenant's audit log, newest first (keyset: `limit` of 1-100 entries and the
 * `nextCursor` of the page before). Read in the tenant's scope, so row-level security and the
 * query's own filter both confine it to the tenant. `null` when `cursor` is not one this function
 * made: answer with your plugin's 400 `<PLUGIN>_INVALID_CURSOR`, as with `decodeCursor`.
 *
 * @example
 * const page = await listAuditEntries(getDb(c), { tenantId: getTenant(c).id, limit, cursor });
 * if (!page) throw invalidCursor();
 */
export async function listAuditEntries(
  db: Database,
  input: { tenantId: string; limit: number; cursor?: string | undefined },
): Promise<{ items: StoredAuditEntry[]; nextCursor: string | null } | null> {
  const before = input.cursor ? decodeCursor(input.cursor, CURSOR_SHAPE) : undefined;
  if (before === null) return null;
  const rows = await runInTenant(db, input.tenantId, (tx) =>
    tx
      .select({
        id: auditLog.id,
        actorType: auditLog.actorType,
        actorId: auditLog.actorId,
        action: auditLog.action,
        targetType: auditLog.targetType,
        targetId: auditLog.targetId,
        requestId: auditLog.requestId,
        data: auditLog.data,
        createdAt: auditLog.createdAt,
        // The cursor keeps microseconds, which a JS Date would lose.
        sortKey: sql<string>`to_char(${auditLog.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
      })
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, input.tenantId), before ? sql`(${auditLog.createdAt}, ${auditLog.id}) < (${before[0]}::timestamptz, ${before[1]}::uuid)` : undefined))
      .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
      .limit(input.limit + 1),
  );
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return {
    items: items.map(({ sortKey: _, ...entry }) => entry),
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.sortKey, last.id]) : null,
  };
}

/**
 * Erases a tenant's audit entries, for deleting the tenant itself: call it in the transaction that
 * deletes the tenant, so both land or neither. The kernel grants no DELETE on its audit log; the
 * tenants plugin's policy `tenants_audit_log_erase` allows it in the tenant's own scope (which this
 * sets), so without that plugin nothing is erased.
 *
 * @example
 * await runInTenant(db, tenantId, async (tx) => {
 *   await deleteAuditEntries(tx, tenantId);
 *   await tx.delete(tenants).where(eq(tenants.id, tenantId));
 * });
 */
export async function deleteAuditEntries(db: Database, tenantId: string): Promise<void> {
  await runInTenant(db, tenantId, (tx) => tx.delete(auditLog).where(eq(auditLog.tenantId, tenantId)));
}
