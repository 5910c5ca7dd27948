import { definePlugin } from 'atoll/plugin';
import { analyticsRoutes } from './routes/analytics';
import { analyticsTools } from './tools';
import { analyticsPages } from './views/pages';

export * from './views/charts';
export { AGGREGATES, BUCKETS, RELATIVE_RANGES, MAX_BUCKETS, relativeRange, resolveRange, bucketStart, countBuckets, type Aggregate, type Bucket, type RelativeRange, type TimeRange } from './services/buckets';
export { getTimeseries, type SeriesPoint, type Timeseries } from './services/get-timeseries';
export { getAggregate } from './services/get-aggregate';
export { listMetrics, type MetricInfo } from './services/list-metrics';
export { getSummary, type Summary } from './services/get-summary';
export { listMetricDatasets } from './services/list-metric-datasets';
export { ChartStyles } from './views/chart-styles';

/**
 * Analytics over metric datasets (`/api/v1/analytics`: metrics, time series, summary), the
 * explorer page `/app/analytics` and assistant tools (metrics, time series, charts). Exports its
 * services and the SVG chart components for the dashboards plugin. Reads datasets with a completed
 * ingestion only. See README.md.
 */
export const analyticsPlugin = definePlugin(() => ({
  id: 'analytics',
  version: '0.1.0',
  description: 'Metrics, time series and summaries over metric datasets',
  host: '^0.1.0',
  requires: ['datasets'],
  routes: () => analyticsRoutes(),
  views: () => analyticsPages(),
  chatTools: analyticsTools,
}));
