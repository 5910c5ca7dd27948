import { describe, expect, it } from 'vitest';
import { ColumnProfiler, DISTINCT_CAP } from './column-profile';

const profile = (type: ConstructorParameters<typeof ColumnProfiler>[1], cells: (string | null)[]) => {
  const p = new ColumnProfiler('c', type);
  for (const c of cells) p.add(c);
  return p.result();
};

describe('ColumnProfiler', () => {
  it('numbers: count, nulls, distinct, min, max, mean and sample standard deviation', () => {
    const r = profile('number', ['2', '4', null, '4', '5', '5', '7', '9', null]);
    expect(r).toMatchObject({ count: 7, nulls: 2, distinct: 5, distinctApproximate: false, min: 2, max: 9, topValues: null });
    expect(r.mean).toBeCloseTo(36 / 7, 12);
    // sum of squared deviations from 36/7 over n - 1 = 6
    const m = 36 / 7;
    const ss = [2, 4, 4, 5, 5, 7, 9].reduce((s, x) => s + (x - m) ** 2, 0);
    expect(r.stddev).toBeCloseTo(Math.sqrt(ss / 6), 12);
  });

  it('integers past 2^53 keep exact min and max (as text)', () => {
    const r = profile('integer', ['9007199254740993', '-3', '10']);
    expect(r).toMatchObject({ min: -3, max: '9007199254740993', count: 3 });
  });

  it('timestamps: min and max by instant, no mean', () => {
    const r = profile('timestamp', ['2024-01-02T00:00:00Z', '2023-12-31T23:00:00Z', '2024-01-01T00:00:00Z']);
    expect(r).toMatchObject({ min: '2023-12-31T23:00:00Z', max: '2024-01-02T00:00:00Z', mean: null, stddev: null });
  });

  it('text and booleans: top values, most frequent first, ties by value', () => {
    expect(profile('text', ['b', 'a', 'b', 'c', 'a', 'b', null]).topValues).toEqual([
      { value: 'b', count: 3 },
      { value: 'a', count: 2 },
      { value: 'c', count: 1 },
    ]);
    expect(profile('boolean', ['true', 'false', 'true']).topValues).toEqual([
      { value: true, count: 2 },
      { value: false, count: 1 },
    ]);
  });

  it('an all-null column has no min, max, mean or deviation', () => {
    expect(profile('number', [null, null])).toMatchObject({ count: 0, nulls: 2, distinct: 0, min: null, max: null, mean: null, stddev: null });
  });

  it('stops tracking new values past the cap and flags distinct as approximate', () => {
    const p = new ColumnProfiler('id', 'integer');
    for (let i = 0; i < DISTINCT_CAP + 10; i++) p.add(String(i));
    expect(p.result()).toMatchObject({ count: DISTINCT_CAP + 10, distinct: DISTINCT_CAP, distinctApproximate: true, min: 0, max: DISTINCT_CAP + 9 });
  });
});
