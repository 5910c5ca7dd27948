import type { ChatToolResult, Database } from 'atoll/plugin';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { type ChatRunStatus, type ChatToolCallStatus, chatMessages, chatRuns, chatSessions, chatToolCalls } from '../db/schema';

export type StoredMessage = typeof chatMessages.$inferSelect;
export type StoredToolCall = typeof chatToolCalls.$inferSelect;

/** What the model reads next: the session's summary of compacted turns and the turns after it. */
export async function loadConversation(tx: Database, sessionId: string) {
  const [session] = await tx.select({ summary: chatSessions.summary, summaryThroughSeq: chatSessions.summaryThroughSeq }).from(chatSessions).where(eq(chatSessions.id, sessionId));
  const messages = await tx
    .select()
    .from(chatMessages)
    .where(and(eq(chatMessages.sessionId, sessionId), sql`${chatMessages.seq} > ${session?.summaryThroughSeq ?? 0}`))
    .orderBy(asc(chatMessages.seq));
  return { summary: session?.summary ?? null, summaryThroughSeq: session?.summaryThroughSeq ?? 0, messages };
}

/** Appends a message after the session's last one; the unique (session, seq) index settles races. */
export async function appendMessage(
  tx: Database,
  message: { tenantId: string; sessionId: string; role: 'user' | 'assistant'; content: unknown[]; runId?: string | null; usage?: Record<string, number> | null },
): Promise<StoredMessage> {
  const [row] = await tx
    .insert(chatMessages)
    .values({
      ...message,
      seq: sql`(select coalesce(max(${chatMessages.seq}), 0) + 1 from ${chatMessages} where ${chatMessages.sessionId} = ${message.sessionId})`,
    })
    .returning();
  await tx.update(chatSessions).set({ updatedAt: new Date() }).where(eq(chatSessions.id, message.sessionId));
  return row!;
}

export const toolCallsOfRun = (tx: Database, sessionId: string, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve([] as StoredToolCall[])
    : tx
        .select()
        .from(chatToolCalls)
        .where(and(eq(chatToolCalls.sessionId, sessionId), inArray(chatToolCalls.id, ids)));

export async function saveToolCall(
  tx: Database,
  call: {
    tenantId: string;
    sessionId: string;
    runId: string;
    id: string;
    name: string;
    input: unknown;
    status: ChatToolCallStatus;
    result?: ChatToolResult | null;
    isError?: boolean;
    durationMs?: number | null;
  },
): Promise<void> {
  const finished = call.status === 'done' || call.status === 'error' || call.status === 'denied' ? new Date() : null;
  const values = { ...call, input: call.input ?? {}, result: call.result ?? null, isError: call.isError ?? false, durationMs: call.durationMs ?? null, finishedAt: finished };
  await tx
    .insert(chatToolCalls)
    .values(values)
    .onConflictDoUpdate({
      target: [chatToolCalls.sessionId, chatToolCalls.id],
      set: { status: values.status, result: values.result, isError: values.isError, durationMs: values.durationMs, finishedAt: finished },
    });
}

/** Moves a call waiting for approval to approved or denied; false when it was not waiting. */
export async function decideToolCall(tx: Database, sessionId: string, callId: string, approve: boolean): Promise<StoredToolCall | null> {
  const [row] = await tx
    .update(chatToolCalls)
    .set(approve ? { status: 'approved' } : { status: 'denied', isError: true, finishedAt: new Date(), result: { text: 'The user denied this tool call.', summary: 'denied' } })
    .where(and(eq(chatToolCalls.sessionId, sessionId), eq(chatToolCalls.id, callId), eq(chatToolCalls.status, 'awaiting_approval')))
    .returning();
  return row ?? null;
}

export interface Usage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

/** Counts a model call against the run (its steps and tokens: the tenant's monthly budget sums these). */
export async function addRunStep(tx: Database, runId: string, usage: Usage): Promise<void> {
  await tx
    .update(chatRuns)
    .set({
      steps: sql`${chatRuns.steps} + 1`,
      inputTokens: sql`${chatRuns.inputTokens} + ${usage.input_tokens}`,
      outputTokens: sql`${chatRuns.outputTokens} + ${usage.output_tokens}`,
      cacheCreationInputTokens: sql`${chatRuns.cacheCreationInputTokens} + ${usage.cache_creation_input_tokens}`,
      cacheReadInputTokens: sql`${chatRuns.cacheReadInputTokens} + ${usage.cache_read_input_tokens}`,
    })
    .where(eq(chatRuns.id, runId));
}

export async function setRunStatus(tx: Database, runId: string, status: ChatRunStatus, error?: string): Promise<void> {
  const terminal = status === 'done' || status === 'error' || status === 'cancelled';
  await tx
    .update(chatRuns)
    .set({ status, error: error ?? null, ...(terminal ? { finishedAt: new Date() } : {}) })
    .where(eq(chatRuns.id, runId));
}

export const getRun = async (tx: Database, runId: string) => (await tx.select().from(chatRuns).where(eq(chatRuns.id, runId)))[0] ?? null;
