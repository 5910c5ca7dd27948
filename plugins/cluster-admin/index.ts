import { definePlugin } from 'atoll/plugin';

/** Cluster admin: status, scale and redeploy of the runners' ECS service (platform admins only). */
export const clusterAdminPlugin = definePlugin(() => ({
  id: 'cluster-admin',
  version: '0.1.0',
  description: 'ECS cluster status, scaling and redeploys for platform administrators',
  host: '^0.1.0',
  requires: ['auth'],
  routes: () => [],
}));
