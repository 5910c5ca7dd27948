import { createRoute, defineRoute, getDb, getTenant, problemResponses } from 'atoll/plugin';
import type { AnalyticsDeps } from '../deps';
import { resolveRange } from '../services/buckets';
import { getSummary } from '../services/get-summary';
import { getTimeseries } from '../services/get-timeseries';
import { listMetrics } from '../services/list-metrics';
import { READ } from './access';
import { json, MetricListSchema, MetricsQuery, SummarySchema, TimeseriesQuery, TimeseriesSchema } from './schemas';

const tenantHeader = problemResponses(401, 403, 404);
const access = READ;

const metrics = createRoute({
  method: 'get',
  path: '/analytics/metrics',
  operationId: 'analytics.listMetrics',
  summary: 'Distinct metrics of the ingested metric datasets (tenant-wide or of one dataset) with counts and time span',
  request: { query: MetricsQuery },
  responses: { 200: json(MetricListSchema, 'Metrics by name'), ...tenantHeader, ...problemResponses(400) },
});

const timeseries = createRoute({
  method: 'get',
  path: '/analytics/timeseries',
  operationId: 'analytics.getTimeseries',
  summary: 'A metric aggregated per UTC bucket over [from, to); at most 10,000 buckets',
  request: { query: TimeseriesQuery },
  responses: { 200: json(TimeseriesSchema, 'The series, bucket starts ascending'), ...tenantHeader, ...problemResponses(400) },
});

const summary = createRoute({
  method: 'get',
  path: '/analytics/summary',
  operationId: 'analytics.getSummary',
  summary: "Totals for the tenant's home page: datasets by status and kind, stored rows, metrics, last ingestion",
  responses: { 200: json(SummarySchema, 'The totals'), ...tenantHeader },
});

export const analyticsRoutes = (deps: AnalyticsDeps) => [
  defineRoute(metrics, async (c) => c.json(await listMetrics({ ctx: { db: getDb(c), metrics: deps.metrics }, input: { tenantId: getTenant(c).id, datasetId: c.req.valid('query').datasetId } }), 200), {
    access,
  }),
  defineRoute(
    timeseries,
    async (c) => {
      const q = c.req.valid('query');
      const range = resolveRange({ from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined }, q.bucket, new Date());
      const input = { tenantId: getTenant(c).id, metric: q.metric, range, bucket: q.bucket, agg: q.agg, fill: q.fill, datasetId: q.datasetId };
      return c.json(await getTimeseries({ ctx: { db: getDb(c), logger: c.get('logger'), metrics: deps.metrics }, input }), 200);
    },
    { access },
  ),
  defineRoute(summary, async (c) => c.json(await getSummary({ ctx: { db: getDb(c), metrics: deps.metrics }, input: { tenantId: getTenant(c).id } }), 200), { access }),
];
