import type { StoredMetric } from '../../datasets';
import { type AnalyticsContext, inTenantWithDataset } from './context';

/** At most this many metrics in one answer (`truncated` says when there are more). */
export const MAX_METRICS = 1000;

/**
 * A metric: points in datasets with a completed ingestion, first and last point time (UTC), and the
 * datasets holding it, in id order.
 */
export type MetricInfo = StoredMetric;

/**
 * The distinct metrics of the tenant's ingested datasets (or of one dataset), by name, with their point
 * counts and time span.
 *
 * @example
 * const { items } = await listMetrics({ ctx: { db, metrics }, input: { tenantId } });
 */
export async function listMetrics({ ctx, input }: { ctx: AnalyticsContext; input: { tenantId: string; datasetId?: string | undefined } }): Promise<{ items: MetricInfo[]; truncated: boolean }> {
  const rows = await inTenantWithDataset(ctx, input.tenantId, input.datasetId, (tx) => ctx.metrics.listMetrics(tx, { tenantId: input.tenantId, datasetId: input.datasetId, limit: MAX_METRICS + 1 }));
  return { items: rows.slice(0, MAX_METRICS), truncated: rows.length > MAX_METRICS };
}
