import { definePlugin } from 'atoll/plugin';

/** Jobs: a Postgres job queue for heavy work run by runner processes (ECS Fargate in production). */
export const jobsPlugin = definePlugin(() => ({
  id: 'jobs',
  version: '0.1.0',
  description: 'Job queue, worker API, lease sweep and ECS dispatch',
  host: '^0.1.0',
  requires: ['tenants'],
  routes: () => [],
}));
