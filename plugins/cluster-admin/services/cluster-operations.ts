import { DescribeServicesCommand, type Service, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { desiredOutOfRange, serviceMissing } from '../errors';
import { audited, type ClusterContext } from './context';
import { type ClusterStatus, presentService } from './present-service';

const serviceOf = (service: Service | undefined): Service => {
  if (!service) throw serviceMissing();
  return service;
};

/**
 * The runners' ECS service: counts, deployments with their rollout state, latest events (DescribeServices).
 *
 * @example
 * const status = await getClusterStatus({ ctx });
 */
export async function getClusterStatus({ ctx }: { ctx: ClusterContext }): Promise<ClusterStatus> {
  const service = await audited(ctx, 'cluster-admin.status_viewed', {}, async () => {
    const described = await ctx.ecs.send(new DescribeServicesCommand({ cluster: ctx.cluster, services: [ctx.service] }));
    return serviceOf(described.services?.[0]);
  });
  return presentService(ctx.cluster, service, ctx.config.events);
}

/**
 * Sets the service's desired task count (UpdateService), within CLUSTER_ADMIN_MIN_DESIRED..MAX_DESIRED.
 *
 * @example
 * await scaleService({ ctx, input: { desiredCount: 4 } });
 */
export async function scaleService({ ctx, input }: { ctx: ClusterContext; input: { desiredCount: number } }): Promise<ClusterStatus> {
  const { minDesired, maxDesired } = ctx.config;
  if (input.desiredCount < minDesired || input.desiredCount > maxDesired) throw desiredOutOfRange(minDesired, maxDesired);
  const service = await audited(ctx, 'cluster-admin.scaled', { desiredCount: input.desiredCount }, async () => {
    const updated = await ctx.ecs.send(new UpdateServiceCommand({ cluster: ctx.cluster, service: ctx.service, desiredCount: input.desiredCount }));
    return serviceOf(updated.service);
  });
  return presentService(ctx.cluster, service, ctx.config.events);
}

/**
 * Replaces every task of the service with fresh ones on the same task definition (UpdateService
 * forceNewDeployment), e.g. to pick up a new image pushed under the same tag.
 *
 * @example
 * await redeployService({ ctx });
 */
export async function redeployService({ ctx }: { ctx: ClusterContext }): Promise<ClusterStatus> {
  const service = await audited(ctx, 'cluster-admin.redeployed', {}, async () => {
    const updated = await ctx.ecs.send(new UpdateServiceCommand({ cluster: ctx.cluster, service: ctx.service, forceNewDeployment: true }));
    return serviceOf(updated.service);
  });
  return presentService(ctx.cluster, service, ctx.config.events);
}
