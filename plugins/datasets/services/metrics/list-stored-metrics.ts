import type { Database } from 'atoll/plugin';
import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import { datasets, metricPoints } from '../../db/schema';
import type { StoredMetric } from '../../refs';
import { ingestedDatasetJoin } from './metric-sql';

/** `MetricStore.hasDataset`: whether the dataset exists in `tx`'s tenant (row-level security decides). */
export async function hasDataset(tx: Database, datasetId: string): Promise<boolean> {
  const [row] = await tx.select({ id: datasets.id }).from(datasets).where(eq(datasets.id, datasetId));
  return row !== undefined;
}

/**
 * `MetricStore.listMetrics`: the distinct metrics of the tenant's ingested datasets (or of one), by
 * name, at most `limit`, with their point counts and time span.
 */
export async function listStoredMetrics(tx: Database, input: { tenantId: string; datasetId?: string | undefined; limit: number }): Promise<StoredMetric[]> {
  const rows = await tx
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
    .limit(input.limit);
  return rows.map((r) => ({ metric: r.metric, count: r.count, from: new Date(r.from).toISOString(), to: new Date(r.to).toISOString(), datasetIds: r.datasetIds }));
}

/** `MetricStore.listMetricDatasets`: the tenant's metric datasets with a completed ingestion, by name (at most 200). */
export function listMetricDatasets(tx: Database, tenantId: string): Promise<{ id: string; name: string }[]> {
  return tx
    .select({ id: datasets.id, name: datasets.name })
    .from(datasets)
    .where(and(eq(datasets.tenantId, tenantId), eq(datasets.kind, 'metric'), isNotNull(datasets.ingestedAt)))
    .orderBy(asc(datasets.name))
    .limit(200);
}
