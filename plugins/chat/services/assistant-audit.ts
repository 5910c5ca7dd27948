import { type Database, recordAudit } from 'atoll/plugin';
import type { ServiceContext } from './context';

/** The audit row of an assistant write, in the writing transaction. */
export const auditAssistant = (tx: Database, ctx: ServiceContext, tenantId: string, verb: 'created' | 'updated' | 'deleted', assistantId: string, data: Record<string, unknown>) =>
  recordAudit(tx, { tenantId, actorType: ctx.actor.type, actorId: ctx.actor.id, action: `chat.assistant.${verb}`, targetType: 'chat_assistant', targetId: assistantId, data }, ctx.request);
