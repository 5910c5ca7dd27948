import { type AppContext, getDb, getTenant } from 'atoll/plugin';
import type { AnalyticsDeps } from '../deps';
import { AGGREGATES, BUCKETS, RELATIVE_RANGES } from '../services/buckets';
import { getSummary } from '../services/get-summary';
import { listMetricDatasets } from '../services/list-metric-datasets';
import { listMetrics } from '../services/list-metrics';
import { ChartStyles } from './chart-styles';
import { ExplorerChart } from './explorer-chart';
import { type ExplorerState, explorerSearch, parseExplorerQuery } from './explorer-query';
import { SummaryCards } from './summary-cards';

const RANGE_LABELS: Record<string, string> = {
  '1h': 'Last hour',
  '6h': 'Last 6 hours',
  '24h': 'Last 24 hours',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  '90d': 'Last 90 days',
  '365d': 'Last 365 days',
  custom: 'Custom (UTC)',
};

/** `/app/analytics`: the tenant's totals, and a metric explorer (metric, dataset, range, bucket, aggregate). */
export async function ExplorerPage(c: AppContext, deps: AnalyticsDeps) {
  const tenantId = getTenant(c).id;
  const ctx = { db: getDb(c), metrics: deps.metrics };
  const { state, problem } = parseExplorerQuery(c.req.query());
  // Sequential: the request has one database connection, and each call is its own transaction.
  const summary = await getSummary({ ctx, input: { tenantId } });
  const metrics = await listMetrics({ ctx, input: { tenantId } });
  const datasets = await listMetricDatasets({ ctx, input: { tenantId } });
  const option = (value: string, current: string | undefined, label = value) => (
    <option value={value} selected={value === current}>
      {label}
    </option>
  );
  return (
    <>
      <ChartStyles />
      <SummaryCards summary={summary} />
      <form id="explorer" class="explorer-form" method="get" action="/app/analytics" hx-get="/app/analytics/chart" hx-target="#analytics-chart" hx-swap="outerHTML">
        <label for="explorer-metric">
          Metric
          <select id="explorer-metric" name="metric" required>
            <option value="">Choose…</option>
            {metrics.items.map((m) => option(m.metric, state.metric, `${m.metric} (${m.count})`))}
          </select>
        </label>
        <label for="explorer-dataset">
          Dataset
          <select id="explorer-dataset" name="datasetId">
            <option value="">All datasets</option>
            {datasets.map((d) => option(d.id, state.datasetId, d.name))}
          </select>
        </label>
        <label for="explorer-last">
          Range
          <select id="explorer-last" name="last">
            {[...RELATIVE_RANGES, 'custom'].map((r) => option(r, state.last, RANGE_LABELS[r]))}
          </select>
        </label>
        <label for="explorer-from">
          From <small>custom, UTC</small>
          <input type="datetime-local" id="explorer-from" name="from" value={state.from ?? ''} />
        </label>
        <label for="explorer-to">
          To <small>custom, UTC, excluded</small>
          <input type="datetime-local" id="explorer-to" name="to" value={state.to ?? ''} />
        </label>
        <label for="explorer-bucket">
          Bucket
          <select id="explorer-bucket" name="bucket">
            {BUCKETS.map((b) => option(b, state.bucket))}
          </select>
        </label>
        <label for="explorer-agg">
          Aggregate
          <select id="explorer-agg" name="agg">
            {AGGREGATES.map((a) => option(a, state.agg))}
          </select>
        </label>
        <label for="explorer-fill">
          Empty buckets
          <select id="explorer-fill" name="fill">
            {option('none', state.fill, 'Leave out')}
            {option('zero', state.fill, 'Show as zero')}
          </select>
        </label>
        <button type="submit">Show</button>
      </form>
      {metrics.items.length === 0 ? (
        <p class="muted" id="no-metrics">
          No metrics yet: upload a metric dataset and wait until it is ready.
        </p>
      ) : null}
      {await ExplorerChart({ c, deps, state, problem })}
    </>
  );
}

/** GET `/app/analytics/chart` (htmx): the chart region for the form's query; the address bar follows. */
export async function ExplorerChartPartial(c: AppContext, deps: AnalyticsDeps) {
  const { state, problem } = parseExplorerQuery(c.req.query());
  c.header('hx-push-url', `/app/analytics?${explorerSearch(state satisfies ExplorerState)}`);
  return ExplorerChart({ c, deps, state, problem });
}
