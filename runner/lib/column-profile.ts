export type ColumnType = 'integer' | 'number' | 'boolean' | 'timestamp' | 'text';
export type ProfileValue = number | string | boolean | null;

export interface ColumnProfile {
  name: string;
  type: ColumnType;
  count: number;
  nulls: number;
  distinct: number;
  distinctApproximate: boolean;
  min: ProfileValue;
  max: ProfileValue;
  mean: number | null;
  stddev: number | null;
  topValues: { value: string | boolean; count: number }[] | null;
}

/** Distinct values tracked exactly per column; past it `distinct` is a lower bound and flagged approximate. */
export const DISTINCT_CAP = 100_000;
export const TOP_VALUES = 10;

const toBigInt = (v: string) => BigInt(v);
const integerValue = (v: bigint): number | string => (v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString());

/**
 * Statistics of one column, fed one cell at a time (cells as the CSV export prints them: integers
 * and numbers as Postgres text, booleans `true`/`false`, timestamps ISO 8601 UTC, null for empty).
 * Exact count, nulls, min, max; mean and sample standard deviation by Welford's method (stable in
 * one pass); exact distinct and value counts up to DISTINCT_CAP distinct values, after which new
 * values are no longer tracked (distinct becomes a lower bound, top values approximate).
 *
 * @example
 * const col = new ColumnProfiler('price', 'number');
 * for (const cell of ['1.5', null, '2']) col.add(cell);
 * col.result(); // { count: 2, nulls: 1, mean: 1.75, ... }
 */
export class ColumnProfiler {
  private count = 0;
  private nulls = 0;
  private readonly values = new Map<string, number>();
  private capped = false;
  private minNum = Infinity;
  private maxNum = -Infinity;
  private minBig: bigint | undefined;
  private maxBig: bigint | undefined;
  private minTs: { ms: number; text: string } | undefined;
  private maxTs: { ms: number; text: string } | undefined;
  private mean = 0;
  private m2 = 0;

  constructor(
    readonly name: string,
    readonly type: ColumnType,
  ) {}

  add(cell: string | null): void {
    if (cell === null) {
      this.nulls++;
      return;
    }
    this.count++;
    const seen = this.values.get(cell);
    if (seen !== undefined) this.values.set(cell, seen + 1);
    else if (this.values.size < DISTINCT_CAP) this.values.set(cell, 1);
    else this.capped = true;
    if (this.type === 'integer') {
      const big = toBigInt(cell);
      if (this.minBig === undefined || big < this.minBig) this.minBig = big;
      if (this.maxBig === undefined || big > this.maxBig) this.maxBig = big;
      this.welford(Number(big));
    } else if (this.type === 'number') {
      const n = Number(cell);
      if (n < this.minNum) this.minNum = n;
      if (n > this.maxNum) this.maxNum = n;
      this.welford(n);
    } else if (this.type === 'timestamp') {
      const ms = Date.parse(cell);
      if (!this.minTs || ms < this.minTs.ms) this.minTs = { ms, text: cell };
      if (!this.maxTs || ms > this.maxTs.ms) this.maxTs = { ms, text: cell };
    }
  }

  result(): ColumnProfile {
    const numeric = this.type === 'integer' || this.type === 'number';
    const any = this.count > 0;
    let min: ProfileValue = null;
    let max: ProfileValue = null;
    if (any && this.type === 'integer') [min, max] = [integerValue(this.minBig!), integerValue(this.maxBig!)];
    if (any && this.type === 'number') [min, max] = [this.minNum, this.maxNum];
    if (any && this.type === 'timestamp') [min, max] = [this.minTs!.text, this.maxTs!.text];
    const listsValues = this.type === 'text' || this.type === 'boolean';
    return {
      name: this.name,
      type: this.type,
      count: this.count,
      nulls: this.nulls,
      distinct: this.values.size,
      distinctApproximate: this.capped,
      min,
      max,
      mean: numeric && any ? this.mean : null,
      stddev: numeric && this.count > 1 ? Math.sqrt(this.m2 / (this.count - 1)) : null,
      topValues: listsValues ? this.top() : null,
    };
  }

  private welford(x: number): void {
    const delta = x - this.mean;
    this.mean += delta / this.count;
    this.m2 += delta * (x - this.mean);
  }

  /** Most frequent first; ties by value so the order is stable. */
  private top(): { value: string | boolean; count: number }[] {
    return [...this.values.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, TOP_VALUES)
      .map(([value, count]) => ({ value: this.type === 'boolean' ? value === 'true' : value, count }));
  }
}
