import { coreServices, type HostInfo, type Logger, type ObjectStorage, type PluginContext, type QueueProducer, type RateLimiterService, type RealtimePublisher } from 'atoll/plugin';
import type { DatasetsConfig } from './config';

/** What the datasets routes, pages and consumer work with. */
export interface DatasetsDeps {
  config: DatasetsConfig;
  storage: ObjectStorage;
  queue: QueueProducer;
  realtime: RealtimePublisher;
  rateLimiter: RateLimiterService;
  /** Which plugins are installed (pages link to the jobs plugin's forms when it is). */
  host: HostInfo;
  logger: Logger;
}

export const datasetsDeps = (ctx: PluginContext<DatasetsConfig>): DatasetsDeps => ({
  config: ctx.config,
  storage: ctx.service(coreServices.storage),
  queue: ctx.service(coreServices.queue),
  realtime: ctx.service(coreServices.realtime),
  rateLimiter: ctx.service(coreServices.rateLimiter),
  host: ctx.service(coreServices.host),
  logger: ctx.logger,
});
