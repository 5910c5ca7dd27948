/** Axis maths for the SVG charts: "nice" tick values and linear scales. */

export interface Ticks {
  min: number;
  max: number;
  step: number;
  values: number[];
}

/** 1, 2, 5 or 10 times a power of ten near `x` (rounded, or the next one up). */
export function niceNumber(x: number, round: boolean): number {
  const exponent = Math.floor(Math.log10(x));
  const power = 10 ** exponent;
  const f = x / power;
  const nice = round ? (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) : f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
  return nice * power;
}

/**
 * Round tick values covering [min, max] (Heckbert's "nice numbers"), about `count` of them.
 * A flat domain is widened around its value so the axis still has a span.
 *
 * @example
 * niceTicks(3, 97) // { min: 0, max: 100, step: 20, values: [0, 20, 40, 60, 80, 100] }
 */
export function niceTicks(min: number, max: number, count = 5): Ticks {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return niceTicks(0, 1, count);
  if (min > max) [min, max] = [max, min];
  if (min === max) {
    const pad = min === 0 ? 1 : Math.abs(min) / 2;
    // At the end of the double range widen inwards only (to zero).
    if (!Number.isFinite(max + pad)) return niceTicks(0, max, count);
    if (!Number.isFinite(min - pad)) return niceTicks(min, 0, count);
    return niceTicks(min - pad, max + pad, count);
  }
  const span = niceNumber(max - min, false);
  const step = niceNumber(span / Math.max(1, count - 1), true);
  const lo = Math.floor(min / step) * step;
  const hi = Math.ceil(max / step) * step;
  // Near the ends of the double range a nice bound overflows: split [min, max] evenly instead.
  if (![span, step, lo, hi].every(Number.isFinite)) return evenTicks(min, max, count);
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  const values: number[] = [];
  // toFixed takes at most 100 digits (tiny steps, e.g. values near 1e-150, would throw); past 20 it adds nothing.
  const tidy = (v: number) => (decimals <= 20 ? Number(v.toFixed(decimals)) : v);
  for (let i = 0; lo + i * step <= hi + step / 2; i++) values.push(tidy(lo + i * step));
  return { min: values[0]!, max: values.at(-1)!, step, values };
}

/** `count` ticks from `min` to `max`, each a weighted mean of the two so none overflows. */
function evenTicks(min: number, max: number, count: number): Ticks {
  const n = Math.max(1, count - 1);
  const values = Array.from({ length: n + 1 }, (_, i) => min * (1 - i / n) + max * (i / n));
  return { min, max, step: max / n - min / n, values };
}

/** Maps [d0, d1] onto [r0, r1] linearly; a zero-width domain maps to the middle of the range. */
export function linearScale(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  if (d1 === d0) return () => (r0 + r1) / 2;
  if (Number.isFinite(d1 - d0)) {
    const k = (r1 - r0) / (d1 - d0);
    return (v) => r0 + (v - d0) * k;
  }
  // A domain wider than the largest double: halves of it still fit.
  const half = (r1 - r0) / (d1 / 2 - d0 / 2);
  return (v) => r0 + (v / 2 - d0 / 2) * half;
}

const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });
const plain = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });
const scientific = new Intl.NumberFormat('en', { notation: 'scientific', maximumFractionDigits: 1 });

/** Tick and tile labels: "950", "12.5", "1.2K", "3.4M"; from 1e15 on "1.7E308". */
export const formatNumber = (v: number): string => (Math.abs(v) >= 1e15 ? scientific.format(v) : Math.abs(v) >= 10_000 ? compact.format(v) : plain.format(v));

/**
 * Exact value for tooltips and tables: up to 6 decimals, with grouping; from 1e21 on as JavaScript
 * prints it ("1.7e+308"). Null (a sum beyond the double range) is "no value".
 */
export const formatExact = (v: number | null): string => (v === null ? 'no value' : Math.abs(v) >= 1e21 ? String(v) : new Intl.NumberFormat('en', { maximumFractionDigits: 6 }).format(v));
