import type { Database } from 'atoll/plugin';
import { and, eq } from 'drizzle-orm';
import { chatRuns } from '../db/schema';
import { runNotFound } from '../errors';
import { getOwnSession, type OwnSessionKey } from './get-session';

/** A run of the caller's own session (404 `CHAT_SESSION_NOT_FOUND` / `CHAT_RUN_NOT_FOUND` otherwise). */
export async function findOwnRun(tx: Database, key: OwnSessionKey & { runId: string }) {
  await getOwnSession(tx, key);
  const [run] = await tx
    .select()
    .from(chatRuns)
    .where(and(eq(chatRuns.id, key.runId), eq(chatRuns.sessionId, key.sessionId)));
  if (!run) throw runNotFound();
  return run;
}
