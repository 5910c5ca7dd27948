import { type Database, runInTenant } from 'atoll/plugin';
import { and, eq } from 'drizzle-orm';
import { chatAssistants } from '../db/schema';
import { assistantNotFound } from '../errors';

/**
 * The assistant, looked up with `tx` (bound to `tenantId`), or 404 `CHAT_ASSISTANT_NOT_FOUND`.
 * `forUpdate` locks it until the transaction ends (writers lock it first, so they take turns).
 */
export async function findAssistant(tx: Database, tenantId: string, assistantId: string, options: { forUpdate?: boolean } = {}) {
  const query = tx
    .select()
    .from(chatAssistants)
    .where(and(eq(chatAssistants.tenantId, tenantId), eq(chatAssistants.id, assistantId)));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  if (!row) throw assistantNotFound();
  return row;
}

/** An assistant of the tenant, or 404 (also for another tenant's: RLS hides it). */
export const getAssistant = ({ ctx, input }: { ctx: { db: Database }; input: { tenantId: string; assistantId: string } }) =>
  runInTenant(ctx.db, input.tenantId, (tx) => findAssistant(tx, input.tenantId, input.assistantId));
