import { describe, expect, it } from 'vitest';
import { metricColumnsOf, metricPointOf } from './metric-row';

const NOW = Date.UTC(2026, 0, 1);

describe('metric rows', () => {
  it('finds value, metric and timestamp in any order and case; value is required', () => {
    expect(metricColumnsOf(['Timestamp', 'extra', ' VALUE ', 'metric'])).toEqual({ metric: 3, value: 2, timestamp: 0 });
    expect(metricColumnsOf(['value'])).toEqual({ metric: -1, value: 0, timestamp: -1 });
    expect(() => metricColumnsOf(['metric', 'val'])).toThrow('The header has no "value" column');
  });

  it('defaults a missing metric to "value" and a missing timestamp to the ingest time', () => {
    expect(metricPointOf(undefined, '1.5', undefined, NOW)).toEqual({ metric: 'value', value: '1.5', ms: NOW });
    expect(metricPointOf('', '2', '', NOW)).toEqual({ metric: 'value', value: '2', ms: NOW });
    expect(metricPointOf(null, 3, null, NOW)).toEqual({ metric: 'value', value: '3', ms: NOW });
    expect(metricPointOf('cpu', '0', '1700000000', NOW)).toEqual({ metric: 'cpu', value: '0', ms: 1_700_000_000_000 });
  });

  it('rejects missing and non-numeric values and unparseable timestamps, never storing 0', () => {
    expect(metricPointOf('cpu', '', undefined, NOW)).toBe('value is missing');
    expect(metricPointOf('cpu', undefined, undefined, NOW)).toBe('value is missing');
    expect(metricPointOf('cpu', 'abc', undefined, NOW)).toBe('value is not a number');
    expect(metricPointOf('cpu', 'NaN', undefined, NOW)).toBe('value is not a number');
    expect(metricPointOf('cpu', 'Infinity', undefined, NOW)).toBe('value is not a number');
    expect(metricPointOf('cpu', true, undefined, NOW)).toBe('value is not a number');
    expect(metricPointOf('cpu', '1', 'tomorrow', NOW)).toBe('timestamp is not ISO 8601 or epoch seconds/milliseconds');
    expect(metricPointOf({ a: 1 }, '1', undefined, NOW)).toBe('metric is not a string');
    expect(metricPointOf('x'.repeat(201), '1', undefined, NOW)).toBe('metric is longer than 200 characters');
  });
});
