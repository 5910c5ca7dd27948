import type { Database } from 'atoll/plugin';
import { eq, sql } from 'drizzle-orm';
import { type ChatSessionRow, chatSessions } from '../db/schema';
import { DEFAULT_SESSION_TITLE } from './session-title';

/**
 * Marks a session as just used (it moves to the top of its user's list). With `autoTitle` (e.g.
 * `titleFromQuestion(question)`), a session still titled "New chat" takes that title; one its user
 * named keeps its name. `tx` is bound to the session's tenant; undefined if the session is gone.
 *
 * @example
 * await touchSession(tx, { sessionId, autoTitle: titleFromQuestion(text) });
 */
export async function touchSession(tx: Database, input: { sessionId: string; autoTitle?: string | undefined }): Promise<ChatSessionRow | undefined> {
  const title = input.autoTitle ? sql`case when ${chatSessions.title} = ${DEFAULT_SESSION_TITLE} then ${input.autoTitle} else ${chatSessions.title} end` : sql`${chatSessions.title}`;
  const [row] = await tx.update(chatSessions).set({ title, updatedAt: sql`now()` }).where(eq(chatSessions.id, input.sessionId)).returning();
  return row;
}
