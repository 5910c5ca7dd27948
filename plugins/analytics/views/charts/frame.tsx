import type { Child } from 'hono/jsx';
import { formatNumber, linearScale, niceTicks } from './scale';

/** Chart box in SVG user units; the SVG scales to its container's width. */
export interface ChartSize {
  width: number;
  height: number;
}

export const DEFAULT_SIZE: ChartSize = { width: 640, height: 260 };
export const MARGIN = { top: 16, right: 20, bottom: 40, left: 60 };

/** The plot area and the y scale shared by the line and bar charts. */
export function plotArea(size: ChartSize, values: number[], includeZero: boolean) {
  const lo = Math.min(...values, ...(includeZero ? [0] : []));
  const hi = Math.max(...values, ...(includeZero ? [0] : []));
  const ticks = niceTicks(lo, hi, Math.max(3, Math.min(6, Math.floor((size.height - MARGIN.top - MARGIN.bottom) / 40))));
  const left = MARGIN.left;
  const right = size.width - MARGIN.right;
  const top = MARGIN.top;
  const bottom = size.height - MARGIN.bottom;
  return { left, right, top, bottom, ticks, y: linearScale(ticks.min, ticks.max, bottom, top) };
}

/** Horizontal grid lines with their labels, and both axis lines. */
export function YAxis({ area }: { area: ReturnType<typeof plotArea> }) {
  return (
    <g class="chart-axis chart-axis-y">
      {area.ticks.values.map((v) => (
        <g class="chart-tick">
          <line class="chart-grid" x1={area.left} x2={area.right} y1={round(area.y(v))} y2={round(area.y(v))} stroke="currentColor" stroke-opacity="0.15" />
          <text x={area.left - 8} y={round(area.y(v))} text-anchor="end" dominant-baseline="middle" font-size="11" fill="currentColor">
            {formatNumber(v)}
          </text>
        </g>
      ))}
      <line x1={area.left} x2={area.left} y1={area.top} y2={area.bottom} stroke="currentColor" stroke-opacity="0.5" />
      <line x1={area.left} x2={area.right} y1={area.bottom} y2={area.bottom} stroke="currentColor" stroke-opacity="0.5" />
    </g>
  );
}

/** The `<svg>` element every chart uses: accessible name, a `<title>`, scalable viewBox. */
export function ChartSvg({ size, label, kind, children }: { size: ChartSize; label: string; kind: string; children?: Child }) {
  return (
    <svg class={`chart chart-${kind}`} viewBox={`0 0 ${size.width} ${size.height}`} width="100%" role="img" aria-label={label} xmlns="http://www.w3.org/2000/svg">
      <title>{label}</title>
      {children}
    </svg>
  );
}

/** The empty state: the frame with a message instead of marks. */
export function EmptyChart({ size, label, kind, message = 'No data in this range' }: { size: ChartSize; label: string; kind: string; message?: string }) {
  return (
    <ChartSvg size={size} label={`${label}: ${message}`} kind={`${kind} chart-empty`}>
      <text x={size.width / 2} y={size.height / 2} text-anchor="middle" dominant-baseline="middle" font-size="14" fill="currentColor" fill-opacity="0.7">
        {message}
      </text>
    </ChartSvg>
  );
}

/** Coordinates rounded to 0.1 unit: smaller SVG, stable output for tests. */
export const round = (v: number) => Math.round(v * 10) / 10;
