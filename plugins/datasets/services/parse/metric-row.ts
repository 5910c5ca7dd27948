import { SourceError } from './errors';
import { metricTimestampOf, numberOfText } from './values';

/** Longest metric name; longer names reject the row. */
export const MAX_METRIC_CHARS = 200;
export const DEFAULT_METRIC = 'value';

/** One accepted metric point: the value as Postgres float8 text and the time in epoch milliseconds. */
export interface MetricPoint {
  metric: string;
  value: string;
  ms: number;
}

/** Where `metric`, `value` and `timestamp` are in a CSV header (case-insensitive, any order, extras ignored). */
export interface MetricColumns {
  metric: number;
  value: number;
  timestamp: number;
}

export function metricColumnsOf(header: readonly string[]): MetricColumns {
  const find = (name: string) => header.findIndex((h) => h.trim().toLowerCase() === name);
  const columns = { metric: find('metric'), value: find('value'), timestamp: find('timestamp') };
  if (columns.value < 0) throw new SourceError('The header has no "value" column (metric datasets need value; metric and timestamp are optional)');
  return columns;
}

/**
 * Applies the metric rules to one row's raw fields. A missing or empty metric is "value"; a missing
 * or empty timestamp is `ingestMs`; a value that is missing, empty or not a finite number, or a
 * timestamp that is neither ISO 8601 nor an epoch number, rejects the row (a string: the reason).
 * Values are never defaulted to 0.
 *
 * @example
 * metricPointOf('cpu', '0.5', '2024-01-01T00:00:00Z', 0); // { metric: 'cpu', value: '0.5', ms: 1704067200000 }
 * metricPointOf('cpu', 'n/a', undefined, 0); // 'value is not a number'
 */
export function metricPointOf(metric: unknown, value: unknown, timestamp: unknown, ingestMs: number): MetricPoint | string {
  let name = DEFAULT_METRIC;
  if (typeof metric === 'string') {
    if (metric !== '') name = metric;
  } else if (typeof metric === 'number' && Number.isFinite(metric)) name = String(metric);
  else if (metric !== undefined && metric !== null) return 'metric is not a string';
  if (name.length > MAX_METRIC_CHARS) return `metric is longer than ${MAX_METRIC_CHARS} characters`;
  if (name.includes('\u0000')) return 'metric contains a NUL character';

  let valueText: string | undefined;
  if (typeof value === 'string') valueText = numberOfText(value) === undefined ? undefined : value;
  else if (typeof value === 'number' && Number.isFinite(value)) valueText = String(value);
  if (valueText === undefined) return value === undefined || value === null || value === '' ? 'value is missing' : 'value is not a number';

  let ms = ingestMs;
  if (typeof timestamp === 'string' || typeof timestamp === 'number') {
    if (timestamp !== '') {
      const parsed = metricTimestampOf(timestamp);
      if (parsed === undefined) return 'timestamp is not ISO 8601 or epoch seconds/milliseconds';
      ms = parsed;
    }
  } else if (timestamp !== undefined && timestamp !== null) return 'timestamp is not ISO 8601 or epoch seconds/milliseconds';
  return { metric: name, value: valueText, ms };
}
