import { type Database, runInTenant } from 'atoll/plugin';
import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import { type ChatMessageRow, type ChatToolCallRow, chatMessages, chatToolCalls } from '../db/schema';
import { CURSOR_PART, decodeCursor, encodeCursor } from './cursor';
import { getOwnSession, type OwnSessionKey } from './get-session';

/** A stored message with the stored calls of its tool_use blocks, in block order. */
export type StoredMessage = ChatMessageRow & { toolCalls: ChatToolCallRow[] };

const toolUseIds = (content: unknown): string[] =>
  (Array.isArray(content) ? content : []).flatMap((block: unknown) => {
    const b = block as { type?: unknown; id?: unknown } | null;
    return b?.type === 'tool_use' && typeof b.id === 'string' ? [b.id] : [];
  });

/**
 * A page of the caller's own session's stored history in `seq` order (404 `CHAT_SESSION_NOT_FOUND`
 * for anyone else's session). Each message keeps the Messages-API blocks as stored; its tool_use
 * blocks come with their calls from `chat_tool_calls` (the whole result, where the model saw a preview).
 */
export async function listMessages({ ctx, input }: { ctx: { db: Database }; input: OwnSessionKey & { limit: number; cursor?: string | undefined } }) {
  const after = input.cursor ? Number(decodeCursor(input.cursor, [CURSOR_PART.seq])[0]) : undefined;
  return runInTenant(ctx.db, input.tenantId, async (tx) => {
    await getOwnSession(tx, input);
    const rows = await tx
      .select()
      .from(chatMessages)
      .where(and(eq(chatMessages.sessionId, input.sessionId), eq(chatMessages.tenantId, input.tenantId), after === undefined ? undefined : gt(chatMessages.seq, after)))
      .orderBy(asc(chatMessages.seq))
      .limit(input.limit + 1);
    const messages = rows.slice(0, input.limit);
    const ids = [...new Set(messages.flatMap((m) => toolUseIds(m.content)))];
    const calls =
      ids.length === 0
        ? []
        : await tx
            .select()
            .from(chatToolCalls)
            .where(and(eq(chatToolCalls.sessionId, input.sessionId), inArray(chatToolCalls.id, ids)));
    const byId = new Map(calls.map((call) => [call.id, call]));
    const items: StoredMessage[] = messages.map((m) => ({ ...m, toolCalls: toolUseIds(m.content).flatMap((id) => byId.get(id) ?? []) }));
    const last = messages.at(-1);
    return { items, nextCursor: rows.length > input.limit && last ? encodeCursor([String(last.seq)]) : null };
  });
}
