import { describe, expect, it } from 'vitest';
import { formatNumber, isNumericType } from './number-cell';

describe('formatNumber', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [1000, '1,000'],
    [-1234567.25, '-1,234,567.25'],
    [0.000123, '0.000123'],
    ['98765432109876543210', '98,765,432,109,876,543,210'],
    ['1234.5678901234567890123', '1,234.5678901234567890123'],
    ['NaN', 'NaN'],
    [1e21, '1e+21'],
  ])('%s -> %s', (value, shown) => expect(formatNumber(value)).toBe(shown));
});

describe('isNumericType', () => {
  it('knows the number types Postgres names', () => {
    expect(['bigint', 'double precision', 'numeric', 'numeric(10,2)', 'integer'].every(isNumericType)).toBe(true);
    expect(['text', 'boolean', 'timestamp with time zone', undefined].some(isNumericType)).toBe(false);
  });
});
