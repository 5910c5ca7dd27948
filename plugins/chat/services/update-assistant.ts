import { runInTenant } from 'atoll/plugin';
import { and, eq, sql } from 'drizzle-orm';
import { chatAssistants } from '../db/schema';
import { assistantNameTaken, defaultAssistantRequired, isUniqueViolation } from '../errors';
import { auditAssistant } from './assistant-audit';
import { checkToolNames } from './check-tools';
import type { AssistantServiceContext } from './context';
import { type AssistantSettings, NAME_INDEX } from './create-assistant';
import { moveDefault } from './default-assistant';
import { findAssistant } from './get-assistant';

/**
 * Changes the given settings of an assistant. `isDefault: true` moves the tenant's default here in
 * the same transaction; `isDefault: false` on the default is refused (409 `CHAT_DEFAULT_ASSISTANT`),
 * since a tenant always has one.
 */
export async function updateAssistant({ ctx, input }: { ctx: AssistantServiceContext; input: { tenantId: string; assistantId: string } & Partial<AssistantSettings> }) {
  const { tenantId, assistantId, isDefault, ...settings } = input;
  const tools = checkToolNames(ctx.tools, settings.tools);
  const changes = Object.fromEntries(Object.entries({ ...settings, tools }).filter(([, value]) => value !== undefined));
  try {
    return await runInTenant(ctx.db, tenantId, async (tx) => {
      const current = await findAssistant(tx, tenantId, assistantId, { forUpdate: true });
      if (isDefault === false && current.isDefault) throw defaultAssistantRequired();
      const [row] = await tx
        .update(chatAssistants)
        .set({ ...changes, updatedAt: sql`now()` })
        .where(and(eq(chatAssistants.tenantId, tenantId), eq(chatAssistants.id, assistantId)))
        .returning();
      const updated = isDefault && !current.isDefault ? await moveDefault(tx, tenantId, assistantId) : row!;
      const fields = [...Object.keys(changes), ...(isDefault !== undefined ? ['isDefault'] : [])];
      await auditAssistant(tx, ctx, tenantId, 'updated', assistantId, { fields, ...(isDefault && !current.isDefault ? { madeDefault: true } : {}) });
      return updated;
    });
  } catch (error) {
    if (isUniqueViolation(error, NAME_INDEX)) throw assistantNameTaken(settings.name ?? '');
    throw error;
  }
}
