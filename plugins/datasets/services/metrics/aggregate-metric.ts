import type { Database } from 'atoll/plugin';
import { sql } from 'drizzle-orm';
import { datasets, metricPoints } from '../../db/schema';
import type { MetricAggregate, MetricBucket, MetricBucketRow, MetricSelection } from '../../refs';
import { AGGREGATE_SQL, ingestedDatasetJoin, pinFloatText, selectionFilter } from './metric-sql';

/** `MetricStore.aggregate`: one aggregate over the selection's whole range, in `tx` (bound to the tenant). */
export async function aggregateMetric(tx: Database, input: MetricSelection & { agg: MetricAggregate }): Promise<{ value: number | null; count: number }> {
  await tx.execute(pinFloatText);
  const [row] = await tx
    .select({ value: sql<number | null>`${AGGREGATE_SQL[input.agg]}`, count: sql<number>`count(*)::int`.mapWith(Number) })
    .from(metricPoints)
    .innerJoin(datasets, ingestedDatasetJoin)
    .where(selectionFilter(input));
  const value = row?.value === null || row?.value === undefined ? null : Number(row.value);
  return { value, count: row?.count ?? 0 };
}

/**
 * `MetricStore.series`: the selection aggregated per `date_trunc` bucket (UTC, weeks on Monday), the
 * buckets holding points only, in order, in `tx` (bound to the tenant).
 */
export async function metricSeries(tx: Database, input: MetricSelection & { bucket: MetricBucket; agg: MetricAggregate }): Promise<MetricBucketRow[]> {
  const start = sql<Date | string>`date_trunc(${input.bucket}, ${metricPoints.ts}, 'UTC')`;
  await tx.execute(pinFloatText);
  const rows = await tx
    .select({ t: start, value: sql<number | null>`${AGGREGATE_SQL[input.agg]}`, count: sql<number>`count(*)::int`.mapWith(Number) })
    .from(metricPoints)
    .innerJoin(datasets, ingestedDatasetJoin)
    .where(selectionFilter(input))
    .groupBy(sql`1`)
    .orderBy(sql`1`);
  return rows.map((r) => ({ t: new Date(r.t).toISOString(), value: r.value === null ? null : Number(r.value), count: r.count }));
}
