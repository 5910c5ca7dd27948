import type { ECSClient } from '@aws-sdk/client-ecs';
import { type Actor, type AppContext, commitNow, type Database, type Logger, recordAudit } from 'atoll/plugin';
import type { ClusterAdminConfig } from '../config';
import { ecsFailed, notConfigured } from '../errors';

/** What the cluster services need: the ECS client and target, the database for audit rows, the caller. */
export interface ClusterContext {
  ecs: ECSClient;
  cluster: string;
  service: string;
  config: ClusterAdminConfig;
  db: Database;
  actor: Actor;
  logger: Logger;
  request?: AppContext;
}

/** The configured cluster and service, or 503 when either is missing. */
export function targetOf(config: ClusterAdminConfig): { cluster: string; service: string } {
  if (!config.cluster || !config.service) throw notConfigured();
  return { cluster: config.cluster, service: config.service };
}

/**
 * Runs one ECS operation and writes a platform-level audit row (tenant null) with its outcome,
 * whether it worked or not; an AWS failure becomes a 502 with a clean message and is logged in full.
 *
 * @example
 * return audited(ctx, 'cluster-admin.scaled', { desiredCount: 3 }, () => ctx.ecs.send(new UpdateServiceCommand(...)));
 */
export async function audited<T>(ctx: ClusterContext, action: string, data: Record<string, unknown>, operation: () => Promise<T>): Promise<T> {
  const audit = (outcome: 'succeeded' | 'failed', extra: Record<string, unknown> = {}) =>
    recordAudit(
      ctx.db,
      { tenantId: null, actorType: ctx.actor.type, actorId: ctx.actor.id, action, targetType: 'ecs_service', targetId: `${ctx.cluster}/${ctx.service}`, data: { ...data, outcome, ...extra } },
      ctx.request,
    );
  // No transaction stays open across the AWS call, and the audit row below stands even when it fails.
  const commit = () => (ctx.request ? commitNow(ctx.request) : Promise.resolve());
  await commit();
  let result: T;
  try {
    result = await operation();
  } catch (error) {
    const mapped = ecsFailed(error);
    ctx.logger.warn('ECS call failed', { action, awsError: error instanceof Error ? { name: error.name, message: error.message.slice(0, 500) } : String(error) });
    await audit('failed', { error: mapped.message });
    await commit();
    throw mapped;
  }
  await audit('succeeded');
  return result;
}
