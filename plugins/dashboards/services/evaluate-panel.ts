import type { Database, Logger } from 'atoll/plugin';
import { type AnalyticsService, relativeRange, type SeriesPoint, type TimeRange } from '../../analytics';
import type { DatasetsService } from '../../datasets';
import { isSqlQuery, type MetricQuery, type Panel } from './panel-schema';

/** Rows a SQL panel asks for: enough for a table or bar chart on a dashboard. */
export const SQL_PANEL_ROWS = 200;

/** A panel's evaluated data, by kind. */
export type PanelData =
  | { kind: 'series'; metric: string; agg: string; bucket: MetricQuery['bucket']; from: string; to: string; points: SeriesPoint[] }
  | { kind: 'value'; value: number | null; text: string | null; previous: number | null; from: string | null; to: string | null }
  | { kind: 'rows'; columns: string[]; rows: unknown[][]; truncated: boolean }
  | { kind: 'text'; text: string };

export interface EvaluateContext {
  db: Database;
  /** The request's logger: a failed metric query is logged there (and answered 500). */
  logger: Logger;
  datasets: () => DatasetsService;
  analytics: AnalyticsService;
}

/** The query's range now: a relative range ends at `now`; an absolute one is as saved. */
export const panelRange = (query: MetricQuery, now: Date): TimeRange =>
  'last' in query.range ? relativeRange(query.range.last, now) : { from: new Date(query.range.from), to: new Date(query.range.to) };

/**
 * Evaluates a panel: metric queries through the analytics service (ingested datasets only), saved SQL
 * through the datasets plugin's read-only runner (its 400s pass through). A KPI over a metric also
 * gets the same aggregate over the previous period of equal length, for its delta.
 *
 * @example
 * const data = await evaluatePanel({ ctx: { db, logger, datasets: () => datasetsService, analytics }, input: { tenantId, panel } });
 */
export async function evaluatePanel({ ctx, input }: { ctx: EvaluateContext; input: { tenantId: string; panel: Panel; now?: Date } }): Promise<PanelData> {
  const { panel, tenantId } = input;
  if (panel.type === 'text') return { kind: 'text', text: panel.text };
  const query = panel.query;
  if (isSqlQuery(query)) {
    const result = await ctx.datasets().runQuery({ db: ctx.db, tenantId, sql: query.sql, limit: panel.type === 'kpi' ? 1 : SQL_PANEL_ROWS });
    const columns = result.columns.map((c) => c.name);
    if (panel.type !== 'kpi') return { kind: 'rows', columns, rows: result.rows, truncated: result.truncated };
    const cell = result.rows[0]?.[0];
    const number = typeof cell === 'number' ? cell : typeof cell === 'string' && cell.trim() !== '' && Number.isFinite(Number(cell)) ? Number(cell) : null;
    return { kind: 'value', value: number, text: number === null && cell !== undefined && cell !== null ? String(cell) : null, previous: null, from: null, to: null };
  }
  const range = panelRange(query, input.now ?? new Date());
  const selection = { tenantId, metric: query.metric, range, datasetId: query.datasetId };
  if (panel.type === 'kpi') {
    const span = range.to.getTime() - range.from.getTime();
    const before = { from: new Date(range.from.getTime() - span), to: range.from };
    // One after the other: both run on the request's single connection.
    const now = await ctx.analytics.getAggregate({ ctx, input: { ...selection, agg: query.agg } });
    const previous = await ctx.analytics.getAggregate({ ctx, input: { ...selection, range: before, agg: query.agg } });
    return { kind: 'value', value: now.value, text: null, previous: previous.value, from: range.from.toISOString(), to: range.to.toISOString() };
  }
  const series = await ctx.analytics.getTimeseries({ ctx, input: { ...selection, bucket: query.bucket, agg: query.agg } });
  return { kind: 'series', metric: series.metric, agg: series.agg, bucket: series.bucket, from: series.from, to: series.to, points: series.points };
}
