import { coreExtensionPoints, coreServices, definePlugin } from 'atoll/plugin';
import { datasetsConfigSchema, sqlBoundsOf } from './config';
import { datasetsDeps } from './deps';
import { datasetJobs } from './jobs';
import { datasetQueues } from './queues';
import { datasetsServiceRef, metricStoreServiceRef } from './refs';
import { datasetRoutes } from './routes/datasets';
import { queryRoutes } from './routes/query';
import { readRoutes } from './routes/reads';
import { savedQueryRoutes } from './routes/saved-queries';
import { uploadRoutes } from './routes/uploads';
import { datasetsScheduled } from './scheduled';
import { describeDataset, listDatasetInfos } from './services/describe-dataset';
import { findDatasetRef, findDatasetRefs } from './services/find-dataset';
import { metricStore } from './services/metrics/metric-store';
import { queryService } from './services/run-query';
import { datasetTools } from './tools';
import { detailPages } from './views/detail-pages';
import { datasetsHome } from './views/home';
import { datasetPages } from './views/pages';

export type { ColumnType, DatasetColumn, DatasetKind, DatasetRow, DatasetStatus } from './db/schema';
export type {
  DatasetDescription,
  DatasetInfo,
  DatasetRef,
  DatasetsService,
  DatasetTotals,
  MetricAggregate,
  MetricBucket,
  MetricBucketRow,
  MetricSelection,
  MetricStore,
  QueryResult,
  StoredMetric,
} from './refs';
export { datasetsServiceRef, metricStoreServiceRef } from './refs';

/**
 * Datasets: metric and table data uploaded to S3 and ingested through the task queue
 * (`datasets.ingest`), table reads (schema, preview, summary, export) and read-only SQL over a
 * tenant's datasets, also as assistant tools (list, describe, SQL). Publishes `datasets` events to
 * the tenant's realtime hub. The `scheduled` hook fails ingestion runs that stopped making progress.
 * Other plugins read datasets through its services only (`datasetsServiceRef`, and
 * `metricStoreServiceRef` for metric points): its tables are not exported. See README.md.
 */
export const datasetsPlugin = definePlugin(() => ({
  id: 'datasets',
  version: '0.1.0',
  description: 'Datasets: upload, queue ingestion, table reads and read-only SQL',
  host: '^0.1.0',
  requires: ['tenants'],
  config: datasetsConfigSchema,
  migrations: 'plugins/datasets/migrations',
  routes: (ctx) => {
    const deps = datasetsDeps(ctx);
    // Saved queries first: /datasets/saved-queries is not a dataset id.
    return [...queryRoutes(deps), ...savedQueryRoutes(deps), ...datasetRoutes(deps), ...uploadRoutes(deps), ...readRoutes(deps)];
  },
  views: (ctx) => {
    const deps = datasetsDeps(ctx);
    return [...datasetPages(deps), ...detailPages(deps)];
  },
  queues: datasetQueues,
  jobs: datasetJobs,
  scheduled: datasetsScheduled,
  chatTools: datasetTools,
  setup: (ctx) => {
    const queries = queryService({ limiter: ctx.service(coreServices.rateLimiter), perMinute: ctx.config.sqlRatePerMinute }, sqlBoundsOf(ctx.config));
    ctx.extensionPoint(coreExtensionPoints.home).addSource(datasetsHome);
    ctx.provide(datasetsServiceRef, { ...queries, findDataset: findDatasetRef, findDatasets: findDatasetRefs, listDatasets: listDatasetInfos, describeDataset });
    ctx.provide(metricStoreServiceRef, metricStore);
  },
}));
