import { recordAudit, runInTenant } from 'atoll/plugin';
import { and, eq, inArray } from 'drizzle-orm';
import { chatRuns, chatSessions } from '../db/schema';
import { sessionNotFound } from '../errors';
import type { ServiceContext } from './context';
import { type OwnSessionKey, ownSession } from './get-session';

/**
 * Deletes the caller's own session with its runs, messages and tool calls (the foreign keys
 * cascade). Returns the runs that were still going, for the caller to stop once this commits.
 */
export async function deleteSession({ ctx, input }: { ctx: ServiceContext; input: OwnSessionKey }): Promise<string[]> {
  return runInTenant(ctx.db, input.tenantId, async (tx) => {
    const active = await tx
      .select({ id: chatRuns.id })
      .from(chatRuns)
      .where(and(eq(chatRuns.sessionId, input.sessionId), inArray(chatRuns.status, ['running', 'awaiting_approval'])));
    const [row] = await tx.delete(chatSessions).where(ownSession(input)).returning({ id: chatSessions.id });
    if (!row) throw sessionNotFound();
    await recordAudit(tx, { tenantId: input.tenantId, actorType: ctx.actor.type, actorId: ctx.actor.id, action: 'chat.session.deleted', targetType: 'chat_session', targetId: row.id }, ctx.request);
    return active.map((r) => r.id);
  });
}
