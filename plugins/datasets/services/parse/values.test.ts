import { describe, expect, it } from 'vitest';
import { ColumnTypeInference, cellFitsType } from './column-types';
import { isIntegerText, isoTimestampOf, metricTimestampOf, numberOfText } from './values';

describe('value recognisers', () => {
  it('integers: int64 only, no spaces or decimals', () => {
    expect(['0', '-7', '+3', '007', '9223372036854775807', '-9223372036854775808'].every(isIntegerText)).toBe(true);
    expect(['9223372036854775808', '1.0', ' 1', '1e3', '', '--1'].some(isIntegerText)).toBe(false);
  });

  it('numbers: finite decimals, never NaN, Infinity, overflow or underflow to 0', () => {
    expect(['1.5', '-2e3', '.5', '1.', '+0.0', '0e5'].map(numberOfText)).toEqual([1.5, -2000, 0.5, 1, 0, 0]);
    expect(['NaN', 'Infinity', '1e400', '1e-400', '1,5', 'abc', '', '0x10'].map(numberOfText)).toEqual(Array(8).fill(undefined));
  });

  it('timestamps: ISO 8601 dates and date-times, zone optional (UTC), real calendar dates', () => {
    expect(isoTimestampOf('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
    expect(isoTimestampOf('2024-01-02T03:04:05Z')).toBe(Date.UTC(2024, 0, 2, 3, 4, 5));
    expect(isoTimestampOf('2024-01-02 03:04:05.678')).toBe(Date.UTC(2024, 0, 2, 3, 4, 5, 678));
    expect(isoTimestampOf('2024-01-02T03:04+02:00')).toBe(Date.UTC(2024, 0, 2, 1, 4));
    expect(isoTimestampOf('2024-01-02T03:04:05-0130')).toBe(Date.UTC(2024, 0, 2, 4, 34, 5));
    expect(isoTimestampOf('0099-12-31T23:59:59.999999999Z')).toBe(new Date(Date.UTC(2000, 11, 31, 23, 59, 59, 999)).setUTCFullYear(99));
    for (const bad of [
      '2023-02-29',
      '2024-13-01',
      '2024-01-01T24:00:00',
      '0000-01-01',
      '2024-1-1',
      'yesterday',
      '2024-01-01T00:00:00+16:00',
      '2024-01-02T03:04:5',
      '2024-01-02Z',
      '2024-01-02T03:04:05.1234567890Z',
      '2024-01-02T03:04:05+2',
      '2024-01-02T3:04',
    ])
      expect(isoTimestampOf(bad)).toBeUndefined();
  });

  it('metric timestamps: ISO 8601 or epoch seconds (below 1e11) or milliseconds', () => {
    expect(metricTimestampOf('1700000000')).toBe(1_700_000_000_000);
    expect(metricTimestampOf('1700000000000')).toBe(1_700_000_000_000);
    expect(metricTimestampOf(1700000000.5)).toBe(1_700_000_000_500);
    expect(metricTimestampOf('2023-11-14T22:13:20Z')).toBe(1_700_000_000_000);
    expect(metricTimestampOf('1e10')).toBeUndefined();
    expect(metricTimestampOf('99999999999999999')).toBeUndefined();
  });
});

describe('ColumnTypeInference', () => {
  it('picks the most specific type every non-empty cell fits; empty columns are text', () => {
    const inference = new ColumnTypeInference(['i', 'n', 'b', 't', 'x', 'e', 'mixed']);
    inference.add(['1', '1', 'true', '2024-01-01', 'a', null, '1'], 2);
    inference.add(['-2', '2.5', 'FALSE', '2024-01-01T10:00:00Z', '1', '', 'true'], 3);
    inference.add([null, '1e3', null, null, null, null, null], 4);
    expect(inference.columns().map((c) => c.type)).toEqual(['integer', 'number', 'boolean', 'timestamp', 'text', 'text', 'text']);
    expect(inference.warnings()).toEqual([]);
  });

  it('warns about a column that a few cells turned to text, naming the type and the lines', () => {
    const inference = new ColumnTypeInference(['qty', 'day', 'name', 'half']);
    const rows = [
      ['1', '2024-01-01', 'a', '1'],
      ['twelve', '2024-13-45', 'b', 'x'],
      ['3', '2024-01-03', 'c', '2.5'],
      ['4', null, 'd', 'y'],
      ['5.5', '2024-01-05', 'e', null],
    ];
    rows.forEach((cells, i) => inference.add(cells, i + 2));
    expect(inference.columns().map((c) => c.type)).toEqual(['text', 'text', 'text', 'text']);
    expect(inference.warnings()).toEqual([
      // 5.5 is a number, so number misses fewer cells than integer.
      { column: 'qty', likelyType: 'number', badCells: 1, samples: [{ line: 3, value: 'twelve' }] },
      { column: 'day', likelyType: 'timestamp', badCells: 1, samples: [{ line: 3, value: '2024-13-45' }] },
    ]);
  });

  it('checks a cell against a chosen type', () => {
    expect(['1', '-2', 'twelve', '1.5'].map((v) => cellFitsType(v, 'integer'))).toEqual([true, true, false, false]);
    expect(['1', '1.5', 'NaN'].map((v) => cellFitsType(v, 'number'))).toEqual([true, true, false]);
    expect(['2024-01-02', '2024-13-45'].map((v) => cellFitsType(v, 'timestamp'))).toEqual([true, false]);
    expect(cellFitsType('anything', 'text')).toBe(true);
  });
});
