import { type Database, recordAudit } from 'atoll/plugin';
import { and, eq, sql } from 'drizzle-orm';
import { type ChatAssistantRow, chatAssistants } from '../db/schema';

export const DEFAULT_ASSISTANT_NAME = 'Assistant';
export const DEFAULT_ASSISTANT_INSTRUCTIONS = [
  "You are Atoll's data assistant for this tenant.",
  'Answer questions about its datasets, projects and results by using the tools; do not guess numbers you can look up.',
  'Say which data an answer rests on, and say plainly when data is missing or a tool fails.',
  'Keep answers short; show tabular results as tables and offer a chart when it helps.',
].join(' ');

const findDefault = async (tx: Database, tenantId: string) =>
  (
    await tx
      .select()
      .from(chatAssistants)
      .where(and(eq(chatAssistants.tenantId, tenantId), eq(chatAssistants.isDefault, true)))
  )[0];

/**
 * The tenant's default assistant, created on first use. Safe under concurrency: the insert does
 * nothing when another transaction made it first (the partial unique index on `is_default`), and
 * the select after it sees that one. Call it with a transaction bound to `tenantId`.
 *
 * @example
 * const assistant = await runInTenant(db, tenantId, (tx) => ensureDefaultAssistant(tx, tenantId));
 */
export async function ensureDefaultAssistant(tx: Database, tenantId: string): Promise<ChatAssistantRow> {
  const existing = await findDefault(tx, tenantId);
  if (existing) return existing;
  // No conflict target: a clash on the name index (a non-default "Assistant") must not fail either.
  const [made] = await tx
    .insert(chatAssistants)
    .values({ tenantId, name: DEFAULT_ASSISTANT_NAME, instructions: DEFAULT_ASSISTANT_INSTRUCTIONS, tools: null, isDefault: true })
    .onConflictDoNothing()
    .returning();
  if (made) {
    await recordAudit(tx, {
      tenantId,
      actorType: 'system',
      actorId: null,
      action: 'chat.assistant.created',
      targetType: 'chat_assistant',
      targetId: made.id,
      data: { name: made.name, isDefault: true },
    });
    return made;
  }
  const raced = await findDefault(tx, tenantId);
  if (raced) return raced;
  // The name was taken by an assistant that is not the default: that one becomes the default.
  const [promoted] = await tx
    .update(chatAssistants)
    .set({ isDefault: true, updatedAt: sql`now()` })
    .where(and(eq(chatAssistants.tenantId, tenantId), sql`lower(${chatAssistants.name}) = lower(${DEFAULT_ASSISTANT_NAME})`))
    .returning();
  return promoted ?? (await findDefault(tx, tenantId))!;
}

/**
 * Makes `assistantId` (a row of the tenant) the tenant's only default and returns it. The current default is locked first, so two
 * concurrent moves run one after the other and the second clears what the first set (each
 * statement after the lock reads the committed state).
 */
export async function moveDefault(tx: Database, tenantId: string, assistantId: string): Promise<ChatAssistantRow> {
  await tx
    .select({ id: chatAssistants.id })
    .from(chatAssistants)
    .where(and(eq(chatAssistants.tenantId, tenantId), eq(chatAssistants.isDefault, true)))
    .for('update');
  await tx
    .update(chatAssistants)
    .set({ isDefault: false, updatedAt: sql`now()` })
    .where(and(eq(chatAssistants.tenantId, tenantId), eq(chatAssistants.isDefault, true), sql`${chatAssistants.id} <> ${assistantId}`));
  const [row] = await tx
    .update(chatAssistants)
    .set({ isDefault: true, updatedAt: sql`now()` })
    .where(and(eq(chatAssistants.tenantId, tenantId), eq(chatAssistants.id, assistantId)))
    .returning();
  return row!;
}
