import { type Aggregate, type Bucket, bucketStarts, type TimeRange } from './buckets';
import { type AggregateContext, aggregateInTenant, type MetricSelection } from './context';

/** One bucket: its start (UTC), the aggregate of its points, and how many points it holds. */
export interface SeriesPoint {
  t: string;
  /** Null only for a sum beyond the double range (±1.8e308). */
  value: number | null;
  count: number;
}

export interface Timeseries {
  metric: string;
  bucket: Bucket;
  agg: Aggregate;
  from: string;
  to: string;
  fill: 'none' | 'zero';
  points: SeriesPoint[];
}

/**
 * A metric aggregated per UTC bucket over [from, to). Buckets start where `date_trunc` puts them
 * (weeks on Monday), so the first may start before `from`; it still only counts points from `from`.
 * Empty buckets are left out, or with `fill: 'zero'` present with value 0 and count 0.
 *
 * @example
 * const series = await getTimeseries({ ctx: { db, logger, metrics }, input: { tenantId, metric: 'cpu', range, bucket: 'hour', agg: 'avg' } });
 */
export async function getTimeseries({ ctx, input }: { ctx: AggregateContext; input: MetricSelection & { bucket: Bucket; agg: Aggregate; fill?: 'none' | 'zero' | undefined } }): Promise<Timeseries> {
  const points: SeriesPoint[] = await aggregateInTenant(ctx, input, 'time series query', (tx) => ctx.metrics.series(tx, input));
  const fill = input.fill ?? 'none';
  return {
    metric: input.metric,
    bucket: input.bucket,
    agg: input.agg,
    from: input.range.from.toISOString(),
    to: input.range.to.toISOString(),
    fill,
    points: fill === 'zero' ? zeroFill(points, input.range, input.bucket) : points,
  };
}

function zeroFill(points: SeriesPoint[], range: TimeRange, bucket: Bucket): SeriesPoint[] {
  const byStart = new Map(points.map((p) => [Date.parse(p.t), p]));
  return bucketStarts(range, bucket).map((t) => byStart.get(t) ?? { t: new Date(t).toISOString(), value: 0, count: 0 });
}
