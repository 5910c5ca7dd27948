import { and, eq, sql } from 'drizzle-orm';
import { datasets, metricPoints } from '../../datasets';
import { inTenantWithDataset, ingestedDatasetJoin, type AnalyticsContext } from './metric-filter';

/** At most this many metrics in one answer (`truncated` says when there are more). */
export const MAX_METRICS = 1000;

export interface MetricInfo {
  metric: string;
  /** Points in datasets with a completed ingestion. */
  count: number;
  /** First and last point time (UTC). */
  from: string;
  to: string;
  /** The datasets holding it, in id order. */
  datasetIds: string[];
}

/**
 * The distinct metrics of the tenant's ingested datasets (or of one dataset), by name, with their point
 * counts and time span.
 *
 * @example
 * const { items } = await listMetrics({ ctx: { db }, input: { tenantId } });
 */
export async function listMetrics({ ctx, input }: { ctx: AnalyticsContext; input: { tenantId: string; datasetId?: string | undefined } }) {
  const rows = await inTenantWithDataset(ctx, input.tenantId, input.datasetId, (tx) =>
    tx
      .select({
        metric: metricPoints.metric,
        count: sql<number>`count(*)::float8`.mapWith(Number),
        from: sql<Date | string>`min(${metricPoints.ts})`,
        to: sql<Date | string>`max(${metricPoints.ts})`,
        datasetIds: sql<string[]>`array_agg(distinct ${metricPoints.datasetId}::text order by ${metricPoints.datasetId}::text)`,
      })
      .from(metricPoints)
      .innerJoin(datasets, ingestedDatasetJoin)
      .where(and(eq(metricPoints.tenantId, input.tenantId), input.datasetId ? eq(metricPoints.datasetId, input.datasetId) : undefined))
      .groupBy(metricPoints.metric)
      .orderBy(metricPoints.metric)
      .limit(MAX_METRICS + 1),
  );
  const items: MetricInfo[] = rows.slice(0, MAX_METRICS).map((r) => ({
    metric: r.metric,
    count: r.count,
    from: new Date(r.from).toISOString(),
    to: new Date(r.to).toISOString(),
    datasetIds: r.datasetIds,
  }));
  return { items, truncated: rows.length > MAX_METRICS };
}
