import { type Database, runInTenant } from 'atoll/plugin';
import { chatSessions } from '../db/schema';
import { resolveAssistant } from './resolve-assistant';
import { DEFAULT_SESSION_TITLE } from './session-title';

/**
 * Starts a session for the caller with an assistant of the tenant (the default when none is named;
 * 404 `CHAT_ASSISTANT_NOT_FOUND` for one that is not the tenant's). Its datasets default to the
 * assistant's. Not audited: a session is its user's private conversation, like a draft.
 */
export async function createSession({
  ctx,
  input,
}: {
  ctx: { db: Database };
  input: { tenantId: string; userId: string; title?: string | undefined; assistantId?: string | undefined; datasetIds?: string[] | undefined };
}) {
  return runInTenant(ctx.db, input.tenantId, async (tx) => {
    const assistant = await resolveAssistant(tx, input.tenantId, input.assistantId ?? null);
    const [row] = await tx
      .insert(chatSessions)
      .values({
        tenantId: input.tenantId,
        userId: input.userId,
        assistantId: assistant.id,
        title: input.title ?? DEFAULT_SESSION_TITLE,
        datasetIds: input.datasetIds ?? assistant.datasetIds,
      })
      .returning();
    return row!;
  });
}
