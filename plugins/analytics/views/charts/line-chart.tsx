import type { Bucket } from '../../services/buckets';
import type { SeriesPoint } from '../../services/get-timeseries';
import { type ChartSize, ChartSvg, DEFAULT_SIZE, EmptyChart, plotArea, round, YAxis } from './frame';
import { formatExact, linearScale } from './scale';
import { axisLabel, bucketLabel, timeTicks } from './time-labels';

export interface LineChartProps {
  /** What the chart shows, e.g. "avg of cpu_load per hour": its accessible name. */
  label: string;
  points: readonly SeriesPoint[];
  bucket: Bucket;
  size?: ChartSize;
}

/**
 * A time series as an SVG line chart: y axis with nice ticks and grid lines, x axis with bucket
 * labels, and a point per bucket whose `<title>` is its tooltip (time, value, point count).
 *
 * @example
 * <LineChart label="avg of cpu per hour" points={series.points} bucket="hour" />
 */
export function LineChart({ label, points, bucket, size = DEFAULT_SIZE }: LineChartProps) {
  if (points.length === 0) return <EmptyChart size={size} label={label} kind="line" />;
  const times = points.map((p) => Date.parse(p.t));
  const first = times[0]!;
  const last = times.at(-1)!;
  const values = points.flatMap((p) => (p.value === null ? [] : [p.value]));
  const area = plotArea(size, values, false);
  const x = linearScale(first, last, area.left + 8, area.right - 8);
  const ticks = timeTicks(first, last, bucket);
  const multiDay = last - first >= 86_400_000;
  // A bucket without a value (a sum beyond the double range) has no mark and breaks the line.
  const path = points
    .map((p, i) => (p.value === null ? null : `${i === 0 || points[i - 1]!.value === null ? 'M' : 'L'}${round(x(times[i]!))} ${round(area.y(p.value))}`))
    .filter((step) => step !== null)
    .join(' ');
  const missing = points.length - values.length;
  const summary = `${label}: ${points.length} point${points.length === 1 ? '' : 's'} from ${bucketLabel(first, bucket)} to ${bucketLabel(last, bucket)}${missing ? `, ${missing} without a value (beyond the double range)` : ''}`;
  return (
    <ChartSvg size={size} label={summary} kind="line">
      <YAxis area={area} />
      <g class="chart-axis chart-axis-x">
        {ticks.map((t) => (
          <g class="chart-tick">
            <line x1={round(x(t))} x2={round(x(t))} y1={area.bottom} y2={area.bottom + 4} stroke="currentColor" stroke-opacity="0.5" />
            <text x={round(x(t))} y={area.bottom + 18} text-anchor="middle" font-size="11" fill="currentColor">
              {axisLabel(t, bucket, multiDay)}
            </text>
          </g>
        ))}
      </g>
      <path class="chart-line" d={path} fill="none" stroke="currentColor" stroke-width="2" />
      <g class="chart-points">
        {points.map((p, i) =>
          p.value === null ? null : (
            <circle class="chart-point" cx={round(x(times[i]!))} cy={round(area.y(p.value))} r="3.5" fill="currentColor" data-t={p.t} data-value={String(p.value)}>
              <title>{`${bucketLabel(times[i]!, bucket)}: ${formatExact(p.value)} (${p.count} point${p.count === 1 ? '' : 's'})`}</title>
            </circle>
          ),
        )}
      </g>
    </ChartSvg>
  );
}
