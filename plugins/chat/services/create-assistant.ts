import { runInTenant } from 'atoll/plugin';
import { type ChatEffort, chatAssistants } from '../db/schema';
import { assistantNameTaken, isUniqueViolation } from '../errors';
import { auditAssistant } from './assistant-audit';
import { checkToolNames } from './check-tools';
import type { AssistantServiceContext } from './context';
import { ensureDefaultAssistant, moveDefault } from './default-assistant';

/** An assistant's settings as a client sends them; absent ones take the defaults shown. */
export interface AssistantSettings {
  name: string;
  /** Default ''. */
  instructions?: string | undefined;
  /** Tool names; null (the default): every tool the caller may use. */
  tools?: string[] | null | undefined;
  /** Default []. */
  datasetIds?: string[] | undefined;
  model?: string | null | undefined;
  maxSteps?: number | null | undefined;
  effort?: ChatEffort | null | undefined;
  /** True moves the tenant's default to this assistant. */
  isDefault?: boolean | undefined;
}

export const NAME_INDEX = 'chat_assistants_tenant_name_unique';

/** Creates an assistant (its name free in the tenant, ignoring case; its tools installed ones). */
export async function createAssistant({ ctx, input }: { ctx: AssistantServiceContext; input: { tenantId: string } & AssistantSettings }) {
  const tools = checkToolNames(ctx.tools, input.tools);
  try {
    return await runInTenant(ctx.db, input.tenantId, async (tx) => {
      // The default exists before any other assistant, so it never loses its name to one.
      await ensureDefaultAssistant(tx, input.tenantId);
      const [row] = await tx
        .insert(chatAssistants)
        .values({
          tenantId: input.tenantId,
          name: input.name,
          instructions: input.instructions ?? '',
          tools: tools ?? null,
          datasetIds: input.datasetIds ?? [],
          model: input.model ?? null,
          maxSteps: input.maxSteps ?? null,
          effort: input.effort ?? null,
          createdBy: ctx.actor.id,
        })
        .returning();
      const made = input.isDefault ? await moveDefault(tx, input.tenantId, row!.id) : row!;
      await auditAssistant(tx, ctx, input.tenantId, 'created', made.id, { name: made.name, isDefault: made.isDefault });
      return made;
    });
  } catch (error) {
    if (isUniqueViolation(error, NAME_INDEX)) throw assistantNameTaken(input.name);
    throw error;
  }
}
