import type { Database } from 'atoll/plugin';
import { eq, sql } from 'drizzle-orm';
import { datasets, metricPoints } from '../../db/schema';
import type { DatasetTotals } from '../../refs';
import { ingestedDatasetJoin } from './metric-sql';

/**
 * `MetricStore.datasetTotals`: the tenant's datasets counted per status and kind, with the rows of
 * those with a completed ingestion (their own `rowCount` counters, not a count of the rows) and the
 * last ingestion time.
 */
export async function datasetTotals(tx: Database, tenantId: string): Promise<DatasetTotals[]> {
  const groups = await tx
    .select({
      status: datasets.status,
      kind: datasets.kind,
      n: sql<number>`count(*)::int`.mapWith(Number),
      rows: sql<number>`coalesce(sum(${datasets.rowCount}) filter (where ${datasets.ingestedAt} is not null), 0)::float8`.mapWith(Number),
      last: sql<Date | string | null>`max(${datasets.ingestedAt})`,
    })
    .from(datasets)
    .where(eq(datasets.tenantId, tenantId))
    .groupBy(datasets.status, datasets.kind);
  return groups.map((g) => ({ status: g.status, kind: g.kind, count: g.n, rows: g.rows, lastIngestedAt: g.last === null ? null : new Date(g.last).toISOString() }));
}

/** `MetricStore.countMetrics`: distinct metric names in the tenant's datasets with a completed ingestion. */
export async function countMetrics(tx: Database, tenantId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(distinct ${metricPoints.metric})::int`.mapWith(Number) })
    .from(metricPoints)
    .innerJoin(datasets, ingestedDatasetJoin)
    .where(eq(metricPoints.tenantId, tenantId));
  return row?.n ?? 0;
}
