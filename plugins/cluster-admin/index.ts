import type { ECSClient } from '@aws-sdk/client-ecs';
import { definePlugin } from 'atoll/plugin';
import { type ClusterAdminConfig, clusterAdminConfigSchema } from './config';
import { type ClusterDeps, clusterRoutes } from './routes/cluster';
import { ecsClientFor } from './services/ecs-client';
import { clusterPages } from './views/pages';

export type { ClusterAdminConfig } from './config';

/**
 * Cluster admin: status, scale and redeploy of the runners' ECS service, for platform admins only
 * (`/api/v1/admin/cluster`, page `/app/admin/cluster`); every call is audited. `options.ecs`
 * replaces the client built from the settings (tests); nothing else differs. See README.md.
 */
export const clusterAdminPlugin = definePlugin((options: { ecs?: ECSClient } = {}) => {
  const depsFor = (config: ClusterAdminConfig, logger: ClusterDeps['logger']): ClusterDeps => {
    let client = options.ecs;
    return { config, logger, ecs: () => (client ??= ecsClientFor(config)) };
  };
  return {
    id: 'cluster-admin',
    version: '0.1.0',
    description: 'ECS cluster status, scaling and redeploys for platform administrators',
    host: '^0.1.0',
    requires: ['auth'],
    config: clusterAdminConfigSchema,
    routes: (ctx) => clusterRoutes(depsFor(ctx.config, ctx.logger)),
    views: (ctx) => clusterPages(depsFor(ctx.config, ctx.logger)),
  };
});
