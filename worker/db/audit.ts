import type { Context } from 'hono';
import type { Principal } from '../access/types';
import type { Database } from './database';
import { auditLog } from './schema';

/** Who performs a change, as the audit log records it. */
export interface Actor {
  type: 'user' | 'api_key' | 'system';
  id: string | null;
}

/** The audit actor for a request's principal (none: the system itself). */
export const actorOf = (principal: Principal | undefined): Actor =>
  !principal ? { type: 'system', id: null } : principal.kind === 'user' ? { type: 'user', id: principal.userId } : { type: 'api_key', id: principal.keyId };

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
 * Writes an audit row. Call it with the transaction that makes the change, so both land or neither.
 * Pass the request context to record its request id.
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
