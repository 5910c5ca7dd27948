import { type AppContext, AtollError, getDb, getTenant } from 'atoll/plugin';
import type { AnalyticsDeps } from '../deps';
import { getTimeseries } from '../services/get-timeseries';
import { LineChart } from './charts';
import { type ExplorerState, explorerRange, explorerSearch } from './explorer-query';

/**
 * The explorer's chart region. It reloads itself (same query) when a dataset becomes ready, and a
 * new query from the form replaces it whole. Bad input is shown in place, not as a failed request.
 */
export async function ExplorerChart({ c, deps, state, problem }: { c: AppContext; deps: AnalyticsDeps; state: ExplorerState; problem?: string | undefined }) {
  const search = explorerSearch(state);
  return (
    <section
      id="analytics-chart"
      class="chart-panel"
      aria-live="polite"
      data-realtime-topics="datasets"
      hx-get={`/app/analytics/chart?${search}`}
      hx-trigger="realtime:dataset.ready from:body, realtime:dataset.deleted from:body"
      hx-swap="outerHTML"
    >
      {problem ? (
        <p class="muted" role="status">
          {problem}
        </p>
      ) : null}
      {await chartBody(c, deps, state)}
    </section>
  );
}

async function chartBody(c: AppContext, deps: AnalyticsDeps, state: ExplorerState) {
  if (!state.metric)
    return (
      <p class="muted" id="no-metric">
        Pick a metric to see its chart.
      </p>
    );
  try {
    const range = explorerRange(state, new Date());
    const input = { tenantId: getTenant(c).id, metric: state.metric, range, bucket: state.bucket, agg: state.agg, fill: state.fill, datasetId: state.datasetId };
    const series = await getTimeseries({ ctx: { db: getDb(c), logger: c.get('logger'), metrics: deps.metrics }, input });
    return (
      <>
        <h2 id="chart-title">{`${state.agg} of ${state.metric} per ${state.bucket}`}</h2>
        <p class="muted">{`${series.from.slice(0, 16).replace('T', ' ')} to ${series.to.slice(0, 16).replace('T', ' ')} UTC (end excluded), ${series.points.length} bucket(s)`}</p>
        <LineChart label={`${state.agg} of ${state.metric} per ${state.bucket}`} points={series.points} bucket={state.bucket} />
      </>
    );
  } catch (error) {
    if (error instanceof AtollError && (error.kind === 'validation' || error.kind === 'not_found'))
      return (
        <p class="chart-error" role="alert">
          {error.errors?.[0]?.message ?? error.message}
        </p>
      );
    throw error;
  }
}
