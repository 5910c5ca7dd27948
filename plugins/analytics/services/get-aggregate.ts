import { sql } from 'drizzle-orm';
import { datasets, metricPoints } from '../../datasets';
import type { Aggregate } from './buckets';
import { AGGREGATE_SQL, aggregateInTenant, ingestedDatasetJoin, selectionFilter, type AggregateContext, type MetricSelection } from './metric-filter';

/**
 * One aggregate over the whole range: `value` is null when no point falls in it (count 0 for
 * `count`), or for a sum beyond the double range.
 */
export async function getAggregate({ ctx, input }: { ctx: AggregateContext; input: MetricSelection & { agg: Aggregate } }): Promise<{ value: number | null; count: number }> {
  const [row] = await aggregateInTenant(ctx, input, 'aggregate query', (tx) =>
    tx
      .select({ value: sql<number | null>`${AGGREGATE_SQL[input.agg]}`, count: sql<number>`count(*)::int`.mapWith(Number) })
      .from(metricPoints)
      .innerJoin(datasets, ingestedDatasetJoin)
      .where(selectionFilter(input)),
  );
  const value = row?.value === null || row?.value === undefined ? null : Number(row.value);
  return { value, count: row?.count ?? 0 };
}
