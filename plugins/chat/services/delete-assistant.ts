import { runInTenant } from 'atoll/plugin';
import { and, eq } from 'drizzle-orm';
import { chatAssistants } from '../db/schema';
import { defaultAssistantRequired } from '../errors';
import { auditAssistant } from './assistant-audit';
import type { ServiceContext } from './context';
import { findAssistant } from './get-assistant';

/**
 * Deletes an assistant; the default one is refused (409 `CHAT_DEFAULT_ASSISTANT`). Its sessions stay
 * and use the default from then on (`assistant_id` is set null).
 */
export async function deleteAssistant({ ctx, input }: { ctx: ServiceContext; input: { tenantId: string; assistantId: string } }) {
  await runInTenant(ctx.db, input.tenantId, async (tx) => {
    // Locked, so a concurrent move of the default to it waits for this delete (or this for the move).
    const assistant = await findAssistant(tx, input.tenantId, input.assistantId, { forUpdate: true });
    if (assistant.isDefault) throw defaultAssistantRequired();
    await tx.delete(chatAssistants).where(and(eq(chatAssistants.tenantId, input.tenantId), eq(chatAssistants.id, assistant.id)));
    await auditAssistant(tx, ctx, input.tenantId, 'deleted', assistant.id, { name: assistant.name });
  });
}
