import { formatExact, formatNumber } from './scale';

const exact = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });

/** A tile's number: exact with thousands separators ("19,997") below a million, compact above ("3.4M"). */
export const formatKpi = (v: number): string => (Math.abs(v) < 1e6 ? exact.format(v) : formatNumber(v));

/**
 * One big number with its change against the previous period ("▲ 12.5%"), or "no data".
 *
 * @example
 * <KpiTile label="sum of sales, last 7 days" value={1234} previous={1100} />
 */
export function KpiTile({ label, value, previous }: { label: string; value: number | null; previous?: number | null | undefined }) {
  const delta = value !== null && previous !== null && previous !== undefined && previous !== 0 ? ((value - previous) / Math.abs(previous)) * 100 : null;
  const direction = delta === null ? 'flat' : delta > 0 ? 'up' : delta < 0 ? 'down' : 'flat';
  return (
    <div class="kpi" role="group" aria-label={label}>
      <span class="kpi-value" title={value === null ? undefined : formatExact(value)}>
        {value === null ? 'no data' : formatKpi(value)}
      </span>
      {delta !== null ? (
        <span class={`kpi-delta kpi-${direction}`} title={`previous period: ${formatExact(previous!)}`}>
          {`${direction === 'up' ? '▲' : direction === 'down' ? '▼' : '='} ${Math.abs(delta).toFixed(1)}% vs previous period`}
        </span>
      ) : null}
    </div>
  );
}
