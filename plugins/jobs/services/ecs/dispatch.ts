import type { ECSClient } from '@aws-sdk/client-ecs';
import type { Database, Logger } from 'atoll/plugin';
import type { JobsConfig } from '../../config';
import { countCapacity } from './capacity';
import { takeDispatchSlot } from './cooldown';
import { createEcsClient } from './ecs-client';
import { countPendingByTaskDefinition } from './pending-counts';
import { startTasks } from './start-tasks';
import { targetTasks } from './target-tasks';

/** The settings the dispatcher reads (a subset of the jobs config). */
export type EcsDispatchConfig = Pick<
  JobsConfig,
  | 'ecsCluster'
  | 'ecsSubnets'
  | 'ecsSecurityGroups'
  | 'ecsAssignPublicIp'
  | 'ecsRegion'
  | 'ecsEndpoint'
  | 'ecsAccessKeyId'
  | 'ecsSecretAccessKey'
  | 'dispatchScale'
  | 'dispatchFactor'
  | 'dispatchMin'
  | 'dispatchMax'
  | 'dispatchCooldownSeconds'
>;

/** What the dispatcher decided for one task definition. */
export interface DispatchDecision {
  taskDefinition: string;
  pending: number;
  target: number;
  /** Live tasks of the family (running or starting), when ECS was asked. */
  capacity?: number;
  started: number;
  outcome: 'started' | 'enough' | 'cooldown' | 'failed';
}

/** The region when none is configured: the SDK needs one. */
const DEFAULT_REGION = 'us-east-1';

/**
 * The cron dispatcher: for each task definition with pending jobs (all tenants), works out the
 * target task count, subtracts the family's live tasks and starts the difference with RunTask,
 * at most once per cooldown per task definition. Off (returns []) unless `ecsCluster` is set.
 * AWS errors are logged per task definition, never thrown: the next trigger tries again.
 *
 * @example
 * scheduled: async ({ db, logger, plugin }) => void (await dispatchEcsTasks({ db, logger, config: plugin.config as JobsConfig }))
 */
export async function dispatchEcsTasks(deps: { db: Database; config: EcsDispatchConfig; logger: Logger; ecs?: ECSClient; now?: Date }): Promise<DispatchDecision[]> {
  const { db, config, logger } = deps;
  const cluster = config.ecsCluster;
  if (!cluster) return [];
  const now = deps.now ?? new Date();
  const pendingByDefinition = await countPendingByTaskDefinition(db, now);
  if (pendingByDefinition.size === 0) return [];
  const ecs = deps.ecs ?? createEcsClient({ region: config.ecsRegion ?? DEFAULT_REGION, endpoint: config.ecsEndpoint, accessKeyId: config.ecsAccessKeyId, secretAccessKey: config.ecsSecretAccessKey });
  const params = { s: config.dispatchScale, f: config.dispatchFactor, min: config.dispatchMin, max: config.dispatchMax };

  const decisions: DispatchDecision[] = [];
  for (const [taskDefinition, pending] of pendingByDefinition) {
    const target = targetTasks(pending, params);
    const decision: DispatchDecision = { taskDefinition, pending, target, started: 0, outcome: 'enough' };
    decisions.push(decision);
    try {
      const capacity = await countCapacity(ecs, { cluster, taskDefinition });
      decision.capacity = capacity.total;
      const missing = Math.max(0, target - capacity.total);
      if (missing === 0) continue;
      if (!(await takeDispatchSlot(db, { taskDefinition, cooldownSeconds: config.dispatchCooldownSeconds, target, now }))) {
        decision.outcome = 'cooldown';
        continue;
      }
      decision.started = await startTasks(
        ecs,
        { cluster, taskDefinition, count: missing, subnets: config.ecsSubnets, securityGroups: config.ecsSecurityGroups, assignPublicIp: config.ecsAssignPublicIp },
        logger,
      );
      decision.outcome = 'started';
      logger.info('started runner tasks', { taskDefinition, pending, target, capacity: capacity.total, started: decision.started });
    } catch (error) {
      decision.outcome = 'failed';
      logger.error('ECS dispatch failed', { taskDefinition, pending, target, error: awsErrorSummary(error) });
    }
  }
  return decisions;
}

/** An AWS SDK error as a log field: its name and message, never the request or credentials. */
const awsErrorSummary = (error: unknown) => (error instanceof Error ? { name: error.name, message: error.message.slice(0, 500) } : { name: 'Error', message: String(error).slice(0, 500) });
