import { type Database, runInTenant } from 'atoll/plugin';
import { sql } from 'drizzle-orm';
import { chatSessions } from '../db/schema';
import { sessionNotFound } from '../errors';
import { type OwnSessionKey, ownSession } from './get-session';

/** Renames the caller's own session (404 `CHAT_SESSION_NOT_FOUND` for anyone else's). */
export async function renameSession({ ctx, input }: { ctx: { db: Database }; input: OwnSessionKey & { title: string } }) {
  const [row] = await runInTenant(ctx.db, input.tenantId, (tx) => tx.update(chatSessions).set({ title: input.title, updatedAt: sql`now()` }).where(ownSession(input)).returning());
  if (!row) throw sessionNotFound();
  return row;
}
