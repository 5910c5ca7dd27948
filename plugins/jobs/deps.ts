import { coreServices, type JobTypes, type Logger, type ObjectStorage, type PluginContext, type RealtimePublisher } from 'atoll/plugin';
import type { JobsConfig } from './config';

/** What the jobs routes, services and the scheduled sweep work with. */
export interface JobsDeps {
  config: JobsConfig;
  storage: ObjectStorage;
  realtime: RealtimePublisher;
  jobTypes: JobTypes;
  logger: Logger;
}

export const jobsDeps = (ctx: PluginContext<JobsConfig>): JobsDeps => ({
  config: ctx.config,
  storage: ctx.service(coreServices.storage),
  realtime: ctx.service(coreServices.realtime),
  jobTypes: ctx.service(coreServices.jobTypes),
  logger: ctx.logger,
});
