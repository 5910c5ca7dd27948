import { recordAudit, withTenant } from 'atoll/plugin';
import type { FilesContext } from './context';

/** One audit row for a change to the tenant's files (`files.<verb>`). */
export const auditFiles = (ctx: FilesContext, action: string, targetId: string, data: Record<string, unknown> = {}) =>
  withTenant(ctx.request, (tx) =>
    recordAudit(tx, { tenantId: ctx.tenantId, actorType: ctx.actor.type, actorId: ctx.actor.id, action: `files.${action}`, targetType: 'file', targetId: targetId.slice(0, 500), data }, ctx.request),
  );
