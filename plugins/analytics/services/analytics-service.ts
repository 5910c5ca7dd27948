import type { MetricStore } from '../../datasets';
import type { AnalyticsService } from '../refs';
import { analyticsCharts } from '../views/analytics-charts';
import { getAggregate } from './get-aggregate';
import { getSummary } from './get-summary';
import { getTimeseries } from './get-timeseries';
import { listMetricDatasets } from './list-metric-datasets';
import { listMetrics } from './list-metrics';

/** `analyticsServiceRef`: the services over the datasets plugin's metric store, and the charts. */
export const analyticsService = (metrics: MetricStore): AnalyticsService => ({
  getTimeseries: ({ ctx, input }) => getTimeseries({ ctx: { ...ctx, metrics }, input }),
  getAggregate: ({ ctx, input }) => getAggregate({ ctx: { ...ctx, metrics }, input }),
  listMetrics: ({ ctx, input }) => listMetrics({ ctx: { ...ctx, metrics }, input }),
  listMetricDatasets: ({ ctx, input }) => listMetricDatasets({ ctx: { ...ctx, metrics }, input }),
  getSummary: ({ ctx, input }) => getSummary({ ctx: { ...ctx, metrics }, input }),
  charts: analyticsCharts,
});
