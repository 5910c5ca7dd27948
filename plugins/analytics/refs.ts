import { createServiceRef, type Database, type Logger } from 'atoll/plugin';
import type { Aggregate, Bucket } from './services/buckets';
import type { MetricSelection } from './services/context';
import type { Summary } from './services/get-summary';
import type { Timeseries } from './services/get-timeseries';
import type { MetricInfo } from './services/list-metrics';
import type { ChartStyles } from './views/chart-styles';
import type { BarChart, bucketLabel, DataTable, formatExact, KpiTile, LineChart } from './views/charts';

/** The request's database (tenant-scoped) and, for the aggregating calls, its logger (a failed query is logged there and answered 500). */
export interface AnalyticsRequest {
  db: Database;
  logger: Logger;
}

/**
 * The server-rendered SVG charts (hono/jsx components) analytics draws with, for pages of plugins
 * that require analytics (the dashboards' panels). Components, not data: they carry no query.
 */
export interface AnalyticsCharts {
  LineChart: typeof LineChart;
  BarChart: typeof BarChart;
  KpiTile: typeof KpiTile;
  DataTable: typeof DataTable;
  /** The charts' stylesheet: render it once on a page that draws charts. */
  ChartStyles: typeof ChartStyles;
  /** A bucket start as a chart labels it (e.g. "Mar 1 10:00" for an hour). */
  bucketLabel: typeof bucketLabel;
  /** A value exactly, with thousands separators (null: "no value"). */
  formatExact: typeof formatExact;
}

/**
 * What other plugins (dashboards) may ask of analytics: the metric queries of its REST API over the
 * tenant's ingested metric datasets, each in its own tenant-bound transaction on `ctx.db`, and its
 * chart components. A `datasetId` of another tenant or none is 404 `ANALYTICS_DATASET_NOT_FOUND`.
 */
export interface AnalyticsService {
  /** `GET /analytics/timeseries`: the selection per UTC bucket (empty buckets left out, or 0 with `fill: 'zero'`). */
  getTimeseries(args: { ctx: AnalyticsRequest; input: MetricSelection & { bucket: Bucket; agg: Aggregate; fill?: 'none' | 'zero' | undefined } }): Promise<Timeseries>;
  /** One aggregate over the whole range (a dashboard KPI): `value` null without points or for a sum beyond the double range. */
  getAggregate(args: { ctx: AnalyticsRequest; input: MetricSelection & { agg: Aggregate } }): Promise<{ value: number | null; count: number }>;
  /** `GET /analytics/metrics`: the distinct metrics (of one dataset, or all) by name, at most 1,000. */
  listMetrics(args: { ctx: { db: Database }; input: { tenantId: string; datasetId?: string | undefined } }): Promise<{ items: MetricInfo[]; truncated: boolean }>;
  /** The metric datasets with data, by name (at most 200), for pickers. */
  listMetricDatasets(args: { ctx: { db: Database }; input: { tenantId: string } }): Promise<{ id: string; name: string }[]>;
  /** `GET /analytics/summary`: the tenant's totals. */
  getSummary(args: { ctx: { db: Database }; input: { tenantId: string } }): Promise<Summary>;
  charts: AnalyticsCharts;
}

/**
 * @example
 * const series = await ctx.service(analyticsServiceRef).getTimeseries({ ctx: { db: getDb(c), logger: c.get('logger') }, input: { tenantId, metric: 'cpu', range, bucket: 'hour', agg: 'avg' } });
 */
export const analyticsServiceRef = createServiceRef<AnalyticsService>({ id: 'analytics.analytics' });
