import { type Database, runInTenant } from 'atoll/plugin';
import { and, eq } from 'drizzle-orm';
import { type ChatSessionRow, chatSessions } from '../db/schema';
import { sessionNotFound } from '../errors';

/** Whose session: a session is private to its user, so every lookup names all three. */
export interface OwnSessionKey {
  tenantId: string;
  userId: string;
  sessionId: string;
}

/** The filter every session query uses: its id, its tenant (RLS too) and its user. */
export const ownSession = (key: OwnSessionKey) => and(eq(chatSessions.id, key.sessionId), eq(chatSessions.tenantId, key.tenantId), eq(chatSessions.userId, key.userId));

/**
 * The caller's own session, looked up with `tx` (bound to `tenantId`), or 404
 * `CHAT_SESSION_NOT_FOUND`: also for another user's session, admins and owners included.
 *
 * @example
 * const session = await getOwnSession(tx, { tenantId, userId: getUser(c).userId, sessionId });
 */
export async function getOwnSession(tx: Database, key: OwnSessionKey): Promise<ChatSessionRow> {
  const [row] = await tx.select().from(chatSessions).where(ownSession(key));
  if (!row) throw sessionNotFound();
  return row;
}

/** The caller's own session (see `getOwnSession`). */
export const getSession = ({ ctx, input }: { ctx: { db: Database }; input: OwnSessionKey }) => runInTenant(ctx.db, input.tenantId, (tx) => getOwnSession(tx, input));
