import { coreServices, definePlugin } from 'atoll/plugin';
import { usersServiceRef } from '../auth';
import { type JobsConfig, jobsConfigSchema } from './config';
import { jobsDeps } from './deps';
import { jobRoutes } from './routes/jobs';
import { workerRoutes } from './routes/worker';
import { dispatchEcsTasks } from './services/ecs/dispatch';
import { sweepLeases } from './services/sweep-leases';
import { jobTools } from './tools';
import { jobPages } from './views/pages';

export type { JobsConfig } from './config';
export type { JobEventRow, JobRow, JobStatus } from './db/schema';
export { JOB_STATUSES } from './db/schema';
export { JOBS_TOPIC } from './services/transitions';

/**
 * Jobs: a Postgres job queue for heavy work run by runner processes (ECS Fargate in production).
 * Job types come from plugins' `jobs` manifests; users create, list, cancel and download results
 * under `/api/v1/jobs`; runners (API keys with `jobs:work`) claim, heartbeat, upload and report.
 * The `scheduled` hook re-queues or times out expired leases, then starts ECS tasks for pending
 * work when ECS is configured. Assistant tools list the job types and start jobs. See README.md.
 */
export const jobsPlugin = definePlugin(() => ({
  id: 'jobs',
  version: '0.1.0',
  description: 'Job queue, worker API, lease sweep and ECS dispatch',
  host: '^0.1.0',
  // auth: user names on the pages (auth.users).
  requires: ['tenants', 'auth'],
  config: jobsConfigSchema,
  migrations: 'plugins/jobs/migrations',
  routes: (ctx) => {
    const deps = jobsDeps(ctx);
    return [...workerRoutes(deps), ...jobRoutes(deps)];
  },
  views: (ctx) => jobPages({ ...jobsDeps(ctx), users: ctx.service(usersServiceRef) }),
  chatTools: jobTools,
  scheduled: async (ctx) => {
    const swept = await sweepLeases({ ctx: { db: ctx.db, realtime: ctx.plugin.service(coreServices.realtime) } });
    if (swept.length > 0) ctx.logger.info('expired leases swept', { count: swept.length });
    // After the sweep, so re-queued jobs count as pending work for the dispatcher.
    await dispatchEcsTasks({ db: ctx.db, config: ctx.plugin.config as JobsConfig, logger: ctx.logger });
  },
}));
