import { definePlugin } from 'atoll/plugin';
import { metricStoreServiceRef } from '../datasets';
import { analyticsDeps } from './deps';
import { analyticsServiceRef } from './refs';
import { analyticsRoutes } from './routes/analytics';
import { analyticsService } from './services/analytics-service';
import { analyticsTools } from './tools';
import { analyticsPages } from './views/pages';

export type { AnalyticsCharts, AnalyticsRequest, AnalyticsService } from './refs';
export { analyticsServiceRef } from './refs';
// Pure values and helpers (no query, no table): other plugins build their schemas from them at module scope.
export {
  AGGREGATES,
  type Aggregate,
  BUCKETS,
  type Bucket,
  bucketStart,
  countBuckets,
  MAX_BUCKETS,
  RELATIVE_RANGES,
  type RelativeRange,
  relativeRange,
  resolveRange,
  type TimeRange,
} from './services/buckets';
export type { Summary } from './services/get-summary';
export type { SeriesPoint, Timeseries } from './services/get-timeseries';
export type { MetricInfo } from './services/list-metrics';
export type { ChartSize } from './views/charts';

/**
 * Analytics over metric datasets (`/api/v1/analytics`: metrics, time series, summary), the
 * explorer page `/app/analytics` and assistant tools (metrics, time series, charts). Reads metric
 * points through the datasets plugin's metric store (`metricStoreServiceRef`), and offers its
 * queries and SVG chart components to other plugins as `analyticsServiceRef` (the dashboards use
 * it). Reads datasets with a completed ingestion only. See README.md.
 */
export const analyticsPlugin = definePlugin(() => ({
  id: 'analytics',
  version: '0.1.0',
  description: 'Metrics, time series and summaries over metric datasets',
  host: '^0.1.0',
  requires: ['datasets'],
  routes: (ctx) => analyticsRoutes(analyticsDeps(ctx)),
  views: (ctx) => analyticsPages(analyticsDeps(ctx)),
  chatTools: analyticsTools,
  setup: (ctx) => ctx.provide(analyticsServiceRef, analyticsService(ctx.service(metricStoreServiceRef))),
}));
