import { type Database, runInTenant } from 'atoll/plugin';
import { and, asc, eq } from 'drizzle-orm';
import { type ChatRunStatus, chatRuns } from '../db/schema';
import { getOwnSession, type OwnSessionKey } from './get-session';

/** How a run went, as the transcript shows it: its status, its error, and its tokens (all its model calls). */
export interface SessionRun {
  id: string;
  status: ChatRunStatus;
  error: string | null;
  inputTokens: number;
  outputTokens: number;
  cacheCreationInputTokens: number;
  cacheReadInputTokens: number;
}

const LIVE: readonly ChatRunStatus[] = ['running', 'awaiting_approval'];

/** A run that is still going (or waiting for an approval): the page reattaches to it. */
export const isLive = (run: Pick<SessionRun, 'status'>) => LIVE.includes(run.status);

/**
 * The runs of the caller's own session, oldest first (404 `CHAT_SESSION_NOT_FOUND` for anyone
 * else's): the pages show each answer's usage and failure from them, and whether one is going.
 */
export async function listSessionRuns({ ctx, input }: { ctx: { db: Database }; input: OwnSessionKey }): Promise<SessionRun[]> {
  return runInTenant(ctx.db, input.tenantId, async (tx) => {
    await getOwnSession(tx, input);
    return tx
      .select({
        id: chatRuns.id,
        status: chatRuns.status,
        error: chatRuns.error,
        inputTokens: chatRuns.inputTokens,
        outputTokens: chatRuns.outputTokens,
        cacheCreationInputTokens: chatRuns.cacheCreationInputTokens,
        cacheReadInputTokens: chatRuns.cacheReadInputTokens,
      })
      .from(chatRuns)
      .where(and(eq(chatRuns.sessionId, input.sessionId), eq(chatRuns.tenantId, input.tenantId)))
      .orderBy(asc(chatRuns.createdAt), asc(chatRuns.id));
  });
}
