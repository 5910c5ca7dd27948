import { type ChatToolDefinition, z } from 'atoll/plugin';
import { READ } from '../routes/access';
import type { Timeseries } from '../services/get-timeseries';
import { BarChart, bucketLabel, formatExact, LineChart, MAX_BARS } from '../views/charts';
import { loadSeries, rangeText, SeriesInput } from './series-input';

/** Points a line chart may draw: beyond that the SVG grows past what a chat message should hold. */
export const MAX_LINE_POINTS = 500;

const Input = SeriesInput.extend({
  type: z.enum(['line', 'bar']).default('line').describe(`line (up to ${MAX_LINE_POINTS} buckets) or bar (up to ${MAX_BARS} buckets); default line`),
});

/** The SVG markup of a rendered chart component (hono/jsx escapes every label and title). */
const markup = async (node: unknown) => String(await (node as { toString(): string | Promise<string> }).toString());

/** What the model reads instead of the picture: the shape of the series in one paragraph. */
function chartText(series: Timeseries, label: string): string {
  const valued = series.points.filter((p): p is typeof p & { value: number } => p.value !== null);
  const head = `${label} over ${rangeText(series)}: ${series.points.length} bucket${series.points.length === 1 ? '' : 's'}`;
  if (valued.length === 0) return `${head}; no data in this range (the chart says so).`;
  const at = (p: { t: string; value: number }) => `${formatExact(p.value)} at ${bucketLabel(Date.parse(p.t), series.bucket)}`;
  const min = valued.reduce((a, b) => (b.value < a.value ? b : a));
  const max = valued.reduce((a, b) => (b.value > a.value ? b : a));
  return `${head}; min ${at(min)}, max ${at(max)}, first ${at(valued[0]!)}, last ${at(valued.at(-1)!)}.`;
}

/**
 * `analytics_chart`: a metric's time series drawn by the analytics plugin's own SVG components
 * (the ones the explorer and dashboards use), so no markup ever comes from the model or the data.
 */
export const chartTool: ChatToolDefinition<z.output<typeof Input>> = {
  name: 'analytics_chart',
  description:
    'Draws a metric per UTC time bucket as a line or bar chart that the user sees in the conversation, and returns a short description of it (range, min, max, first and last value). ' +
    'Takes the same query as analytics_timeseries. Use it when a picture helps; do not describe the chart as if you could see it beyond that text.',
  input: Input,
  minRole: READ.tenantRole,
  scopes: READ.scopes,
  run: async (input, ctx) => {
    const { series, label } = await loadSeries(input, ctx, input.type === 'bar' ? MAX_BARS : MAX_LINE_POINTS);
    const chart =
      input.type === 'bar' ? (
        <BarChart
          label={label}
          bars={series.points.map((p) => ({
            label: bucketLabel(Date.parse(p.t), series.bucket),
            value: p.value,
            title: `${bucketLabel(Date.parse(p.t), series.bucket)}: ${formatExact(p.value)} (${p.count} points)`,
          }))}
        />
      ) : (
        <LineChart label={label} points={series.points} bucket={series.bucket} />
      );
    return { text: chartText(series, label), svg: await markup(chart), summary: `${input.type} chart: ${label}, ${series.points.length} buckets` };
  },
};
