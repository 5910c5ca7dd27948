import type { Actor, AppContext, Database } from 'atoll/plugin';

/** What the writing services get: the database, the actor, and the request (for the audit row). */
export interface ServiceContext {
  db: Database;
  actor: Actor;
  request?: AppContext | undefined;
}

/** An audit row's fields for a dashboard change. */
export const auditOf = (ctx: ServiceContext, tenantId: string, action: string, dashboardId: string, data: Record<string, unknown>) => ({
  tenantId,
  actorType: ctx.actor.type,
  actorId: ctx.actor.id,
  action: `dashboards.${action}`,
  targetType: 'dashboard',
  targetId: dashboardId,
  data,
});
