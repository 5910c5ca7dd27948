import { type ChatToolDefinition, toolTable } from 'atoll/plugin';
import { READ } from '../routes/access';
import { loadSeries, rangeText, SeriesInput } from './series-input';

/** Buckets one tool answer may hold: the model reads at most 100 of them anyway. */
export const MAX_TOOL_BUCKETS = 1_000;

/** `analytics_timeseries`: the REST time series (`GET /analytics/timeseries`) as a table. */
export const timeseriesTool: ChatToolDefinition<SeriesInput> = {
  name: 'analytics_timeseries',
  description:
    `A metric aggregated per UTC time bucket over [from, to) (default: the last 24 hours), as rows of bucket start, value and point count. At most ${MAX_TOOL_BUCKETS} buckets: ` +
    'use a larger bucket for long ranges. Only ingested metric datasets count; call analytics_list_metrics first to find metric names and when their data lies.',
  input: SeriesInput,
  minRole: READ.tenantRole,
  scopes: READ.scopes,
  run: async (input, ctx) => {
    const { series, label } = await loadSeries(input, ctx, MAX_TOOL_BUCKETS);
    const rows = series.points.map((p) => [p.t, p.value, p.count]);
    const { text, table } = toolTable({ columns: ['bucket_start', input.agg, 'points'], rows });
    const summary = `${label}: ${rows.length} bucket${rows.length === 1 ? '' : 's'}`;
    return { text: `${summary} over ${rangeText(series)}\n${text}`, table, summary };
  },
};
