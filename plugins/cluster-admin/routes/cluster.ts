import type { ECSClient } from '@aws-sdk/client-ecs';
import { type AppContext, actorOf, createRoute, defineRoute, getDb, type Logger, problemResponses, z } from 'atoll/plugin';
import type { ClusterAdminConfig } from '../config';
import { getClusterStatus, redeployService, scaleService } from '../services/cluster-operations';
import { type ClusterContext, targetOf } from '../services/context';
import { ClusterStatusSchema } from '../services/present-service';

const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
export const ScaleBody = z
  .object({ desiredCount: z.number().int().min(0).max(1000) })
  .strict()
  .openapi('ScaleClusterBody');
const errors = { ...problemResponses(401, 403, 502, 503) };
const ADMINS = { access: { platformAdmin: true } } as const;

const status = createRoute({
  method: 'get',
  path: '/admin/cluster/status',
  operationId: 'cluster-admin.getClusterStatus',
  summary: "The runners' ECS service: counts, deployments with rollout state, latest events (platform admins)",
  responses: { 200: json(ClusterStatusSchema, 'The service'), ...errors },
});

const scale = createRoute({
  method: 'post',
  path: '/admin/cluster/scale',
  operationId: 'cluster-admin.scaleCluster',
  summary: "Set the service's desired task count, within the configured bounds (platform admins)",
  request: { body: { content: { 'application/json': { schema: ScaleBody } }, required: true } },
  responses: { 200: json(ClusterStatusSchema, 'The service after the change'), ...errors, ...problemResponses(400) },
});

const redeploy = createRoute({
  method: 'post',
  path: '/admin/cluster/redeploy',
  operationId: 'cluster-admin.redeployCluster',
  summary: 'Force a new deployment: every task is replaced (platform admins)',
  responses: { 200: json(ClusterStatusSchema, 'The service with its new deployment'), ...errors },
});

export interface ClusterDeps {
  config: ClusterAdminConfig;
  logger: Logger;
  /** The ECS client, built on first use (never when the plugin is not configured). */
  ecs: () => ECSClient;
}

/** The service context for a request: 503 when the cluster is not configured. */
export function clusterContext(c: AppContext, deps: ClusterDeps): ClusterContext {
  const target = targetOf(deps.config);
  return { ...target, ecs: deps.ecs(), config: deps.config, db: getDb(c), actor: actorOf(c.get('principal')), logger: deps.logger, request: c };
}

export const clusterRoutes = (deps: ClusterDeps) => [
  defineRoute(status, async (c) => c.json(await getClusterStatus({ ctx: clusterContext(c, deps) }), 200), ADMINS),
  defineRoute(scale, async (c) => c.json(await scaleService({ ctx: clusterContext(c, deps), input: c.req.valid('json') }), 200), ADMINS),
  defineRoute(redeploy, async (c) => c.json(await redeployService({ ctx: clusterContext(c, deps) }), 200), ADMINS),
];
