import { type ChartSize, ChartSvg, DEFAULT_SIZE, EmptyChart, plotArea, round, YAxis } from './frame';
import { formatExact } from './scale';

export interface Bar {
  label: string;
  /** Null: no value (e.g. a sum beyond the double range); the bar's slot stays empty. */
  value: number | null;
  /** Tooltip text; default "label: value". */
  title?: string;
}

/** At most this many bars are drawn (the rest would be thinner than a pixel on a panel). */
export const MAX_BARS = 100;
const MAX_LABEL = 12;

/**
 * Bars from zero (negative values hang below the zero line), each with a `<title>` tooltip; labels
 * under the bars are shortened to 12 characters and thinned out when there are many.
 *
 * @example
 * <BarChart label="sales by region" bars={[{ label: 'north', value: 12 }, { label: 'south', value: 7 }]} />
 */
export function BarChart({ label, bars, size = DEFAULT_SIZE }: { label: string; bars: readonly Bar[]; size?: ChartSize }) {
  const shown = bars.slice(0, MAX_BARS);
  if (shown.length === 0) return <EmptyChart size={size} label={label} kind="bar" />;
  const area = plotArea(
    size,
    shown.flatMap((b) => (b.value === null ? [] : [b.value])),
    true,
  );
  const slot = (area.right - area.left) / shown.length;
  const width = Math.max(1, slot * 0.7);
  const zero = area.y(0);
  const every = Math.ceil(shown.length / 12);
  const summary = `${label}: ${shown.length} bar${shown.length === 1 ? '' : 's'}${bars.length > MAX_BARS ? ` (first ${MAX_BARS} of ${bars.length})` : ''}`;
  return (
    <ChartSvg size={size} label={summary} kind="bar">
      <YAxis area={area} />
      <g class="chart-bars">
        {shown.map((b, i) => {
          const cx = area.left + slot * (i + 0.5);
          const y = b.value === null ? zero : area.y(b.value);
          const title = <title>{b.title ?? `${b.label}: ${formatExact(b.value)}`}</title>;
          return (
            <g class="chart-bar-group">
              {b.value === null ? (
                title
              ) : (
                <rect class="chart-bar" x={round(cx - width / 2)} y={round(Math.min(y, zero))} width={round(width)} height={round(Math.abs(zero - y))} fill="currentColor" data-value={String(b.value)}>
                  {title}
                </rect>
              )}
              {i % every === 0 ? (
                <text x={round(cx)} y={area.bottom + 18} text-anchor="middle" font-size="11" fill="currentColor">
                  {b.label.length > MAX_LABEL ? `${b.label.slice(0, MAX_LABEL - 1)}…` : b.label}
                </text>
              ) : null}
            </g>
          );
        })}
      </g>
    </ChartSvg>
  );
}
