import type { Aggregate } from './buckets';
import { type AggregateContext, aggregateInTenant, type MetricSelection } from './context';

/**
 * One aggregate over the whole range: `value` is null when no point falls in it (count 0 for
 * `count`), or for a sum beyond the double range.
 */
export function getAggregate({ ctx, input }: { ctx: AggregateContext; input: MetricSelection & { agg: Aggregate } }): Promise<{ value: number | null; count: number }> {
  return aggregateInTenant(ctx, input, 'aggregate query', (tx) => ctx.metrics.aggregate(tx, input));
}
