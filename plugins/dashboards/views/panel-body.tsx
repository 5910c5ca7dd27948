import { AtollError } from 'atoll/plugin';
import type { AnalyticsCharts, ChartSize } from '../../analytics';
import { type EvaluateContext, evaluatePanel, type PanelData } from '../services/evaluate-panel';
import type { Panel } from '../services/panel-schema';

/** Chart size for a panel of w x h grid cells (5rem rows): keeps text readable whatever the width. */
const sizeOf = (panel: Panel): ChartSize => ({ width: Math.max(320, panel.position.w * 80), height: Math.max(160, panel.position.h * 80 - 56) });

/** A panel's data drawn for its type, with the analytics plugin's charts: line chart, bars, KPI tile, table or text. */
export function PanelChart({ panel, data, charts }: { panel: Panel; data: PanelData; charts: AnalyticsCharts }) {
  const { BarChart, bucketLabel, DataTable, formatExact, KpiTile, LineChart } = charts;
  const size = sizeOf(panel);
  if (data.kind === 'text') return <p class="panel-text">{data.text}</p>;
  if (data.kind === 'value') {
    if (data.text !== null)
      return (
        <div class="kpi" role="group" aria-label={panel.title}>
          <span class="kpi-value">{data.text}</span>
        </div>
      );
    return <KpiTile label={panel.title} value={data.value} previous={data.previous} />;
  }
  if (data.kind === 'rows') {
    if (panel.type !== 'bar') return <DataTable label={panel.title} columns={data.columns} rows={data.rows} truncated={data.truncated} />;
    const bars = data.rows.map((r) => ({ label: String(r[0] ?? ''), value: Number(r[1]) }));
    if (data.columns.length < 2 || bars.some((b) => !Number.isFinite(b.value))) return <p class="chart-error">A bar panel's query needs a label column then a numeric column.</p>;
    return <BarChart label={panel.title} bars={bars} size={size} />;
  }
  const label = `${panel.title}: ${data.agg} of ${data.metric} per ${data.bucket}`;
  if (panel.type === 'bar') {
    const bars = data.points.map((p) => ({
      label: bucketLabel(Date.parse(p.t), data.bucket),
      value: p.value,
      title: `${bucketLabel(Date.parse(p.t), data.bucket)}: ${formatExact(p.value)} (${p.count} points)`,
    }));
    return <BarChart label={label} bars={bars} size={size} />;
  }
  if (panel.type === 'table') {
    return <DataTable label={label} columns={['bucket', data.agg, 'points']} rows={data.points.map((p) => [bucketLabel(Date.parse(p.t), data.bucket), formatExact(p.value), p.count])} />;
  }
  return <LineChart label={label} points={data.points} bucket={data.bucket} size={size} />;
}

const SHOWN = new Set(['validation', 'not_found', 'unprocessable', 'conflict', 'payload_too_large', 'rate_limited']);
/** The datasets plugin's refusal while a tenant's SQL queries are all running. */
const SQL_BUSY = 'DATASETS_SQL_CONCURRENCY_LIMITED';

/**
 * Evaluates and draws a panel. A panel whose query fails for a client reason (bad SQL, a dataset
 * gone) shows the reason in place, so one broken panel does not break the dashboard. A SQL panel
 * refused because the tenant's SQL queries are all running (every panel refreshing at once) asks
 * for itself again after the refusal's Retry-After (unless `retry` is false: a preview, not saved).
 */
export async function PanelBody({ ctx, tenantId, dashboardId, panel, retry = true }: { ctx: EvaluateContext; tenantId: string; dashboardId: string; panel: Panel; retry?: boolean }) {
  try {
    const data = await evaluatePanel({ ctx, input: { tenantId, panel } });
    return <PanelChart panel={panel} data={data} charts={ctx.analytics.charts} />;
  } catch (error) {
    if (error instanceof AtollError && error.code === SQL_BUSY && !retry)
      return (
        <p class="muted" role="status">
          Every SQL query slot is busy. Preview again in a moment.
        </p>
      );
    if (error instanceof AtollError && error.code === SQL_BUSY) {
      return (
        <p class="muted" role="status" hx-get={`/app/dashboards/${dashboardId}/panels/${panel.id}`} hx-trigger={`load delay:${error.retryAfter ?? 1}s`} hx-swap="outerHTML">
          Waiting for a free SQL query slot…
        </p>
      );
    }
    if (error instanceof AtollError && SHOWN.has(error.kind))
      return (
        <p class="chart-error" role="alert">
          {error.errors?.[0]?.message ?? error.message}
        </p>
      );
    throw error;
  }
}
