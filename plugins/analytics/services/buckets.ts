import { invalidRange, tooManyBuckets } from '../errors';

export const BUCKETS = ['minute', 'hour', 'day', 'week', 'month'] as const;
export const AGGREGATES = ['avg', 'sum', 'min', 'max', 'count'] as const;
export const RELATIVE_RANGES = ['1h', '6h', '24h', '7d', '30d', '90d', '365d'] as const;
export type Bucket = (typeof BUCKETS)[number];
export type Aggregate = (typeof AGGREGATES)[number];
export type RelativeRange = (typeof RELATIVE_RANGES)[number];

/** At most this many buckets in one series: bounds the query's work and the response size. */
export const MAX_BUCKETS = 10_000;
/** The default range when a request gives neither `from` nor `to`. */
export const DEFAULT_RANGE: RelativeRange = '24h';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const FIXED: Record<Exclude<Bucket, 'month'>, number> = { minute: MINUTE, hour: HOUR, day: DAY, week: 7 * DAY };
// 1970-01-05 was a Monday: weeks are counted from there so they start on Monday, like ISO weeks.
const MONDAY = 4 * DAY;

const RELATIVE_MS: Record<RelativeRange, number> = { '1h': HOUR, '6h': 6 * HOUR, '24h': DAY, '7d': 7 * DAY, '30d': 30 * DAY, '90d': 90 * DAY, '365d': 365 * DAY };

/** A half-open time range [from, to). */
export interface TimeRange {
  from: Date;
  to: Date;
}

/** The bucket's start (UTC) of the instant `t`: what Postgres' `date_trunc(bucket, t, 'UTC')` gives. */
export function bucketStart(t: number, bucket: Bucket): number {
  if (bucket === 'month') {
    const d = new Date(t);
    return monthStart(d.getUTCFullYear(), d.getUTCMonth());
  }
  const size = FIXED[bucket];
  const offset = bucket === 'week' ? MONDAY : 0;
  return Math.floor((t - offset) / size) * size + offset;
}

/** The start of the bucket after the one starting at `start`. */
export function nextBucket(start: number, bucket: Bucket): number {
  if (bucket !== 'month') return start + FIXED[bucket];
  const d = new Date(start);
  return monthStart(d.getUTCFullYear(), d.getUTCMonth() + 1);
}

/** 1 `month` (0-11, overflow rolls the year) of `year`, UTC. Not Date.UTC, which reads years 0-99 as 1900-1999. */
function monthStart(year: number, month: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month, 1);
  return d.getTime();
}

/** How many buckets [from, to) touches (0 for an empty range). */
export function countBuckets({ from, to }: TimeRange, bucket: Bucket): number {
  const a = from.getTime();
  const b = to.getTime();
  if (b <= a) return 0;
  const first = bucketStart(a, bucket);
  const last = bucketStart(b - 1, bucket);
  if (bucket !== 'month') return (last - first) / FIXED[bucket] + 1;
  const f = new Date(first);
  const l = new Date(last);
  return (l.getUTCFullYear() - f.getUTCFullYear()) * 12 + (l.getUTCMonth() - f.getUTCMonth()) + 1;
}

/** Every bucket start of [from, to), in order (for zero-filling). */
export function bucketStarts(range: TimeRange, bucket: Bucket): number[] {
  const starts: number[] = [];
  for (let t = bucketStart(range.from.getTime(), bucket); t < range.to.getTime(); t = nextBucket(t, bucket)) starts.push(t);
  return starts;
}

/** [now - last, now). */
export const relativeRange = (last: RelativeRange, now: Date): TimeRange => ({ from: new Date(now.getTime() - RELATIVE_MS[last]), to: now });

/**
 * The range a request asks for: `to` defaults to now, `from` to `to` minus `last` (default 24 hours).
 * `to` must be after `from`, and the range must fit in `MAX_BUCKETS` buckets (400 otherwise).
 */
export function resolveRange(input: { from?: Date | undefined; to?: Date | undefined; last?: RelativeRange | undefined }, bucket: Bucket, now: Date): TimeRange {
  const span = RELATIVE_MS[input.last ?? DEFAULT_RANGE];
  const to = input.to ?? now;
  const from = input.from ?? new Date(to.getTime() - span);
  // The explorer's form lets through well-shaped impossible dates such as month 13.
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) throw invalidRange('`from` and `to` must be real dates and times');
  if (from.getTime() >= to.getTime()) throw invalidRange('`to` must be after `from` (the range is [from, to))');
  const count = countBuckets({ from, to }, bucket);
  if (count > MAX_BUCKETS) throw tooManyBuckets(count, MAX_BUCKETS);
  return { from, to };
}
