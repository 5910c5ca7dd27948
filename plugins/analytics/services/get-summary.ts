import { eq, sql } from 'drizzle-orm';
import { runInTenant } from 'atoll/plugin';
import { datasets, metricPoints, type DatasetStatus } from '../../datasets';
import { ingestedDatasetJoin, type AnalyticsContext } from './metric-filter';

const STATUSES: DatasetStatus[] = ['created', 'queued', 'ingesting', 'ready', 'error'];

export interface Summary {
  datasets: { total: number; byStatus: Record<DatasetStatus, number>; byKind: { metric: number; table: number } };
  /** Rows stored in datasets with a completed ingestion (their `rowCount`), per kind. */
  rows: { metricPoints: number; tableRows: number };
  /** Distinct metric names in datasets with a completed ingestion. */
  metrics: number;
  lastIngestedAt: string | null;
}

/**
 * The totals on the tenant's home page. Row counts come from the datasets' own counters, so the
 * summary costs one pass over the datasets plus a distinct count of metric names.
 */
export async function getSummary({ ctx, input }: { ctx: AnalyticsContext; input: { tenantId: string } }): Promise<Summary> {
  return runInTenant(ctx.db, input.tenantId, async (tx) => {
    const groups = await tx
      .select({
        status: datasets.status,
        kind: datasets.kind,
        n: sql<number>`count(*)::int`.mapWith(Number),
        rows: sql<number>`coalesce(sum(${datasets.rowCount}) filter (where ${datasets.ingestedAt} is not null), 0)::float8`.mapWith(Number),
        last: sql<Date | string | null>`max(${datasets.ingestedAt})`,
      })
      .from(datasets)
      .where(eq(datasets.tenantId, input.tenantId))
      .groupBy(datasets.status, datasets.kind);
    const [metrics] = await tx
      .select({ n: sql<number>`count(distinct ${metricPoints.metric})::int`.mapWith(Number) })
      .from(metricPoints)
      .innerJoin(datasets, ingestedDatasetJoin)
      .where(eq(metricPoints.tenantId, input.tenantId));
    const byStatus = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<DatasetStatus, number>;
    const byKind = { metric: 0, table: 0 };
    const rows = { metricPoints: 0, tableRows: 0 };
    let last: number | null = null;
    for (const g of groups) {
      byStatus[g.status] = (byStatus[g.status] ?? 0) + g.n;
      byKind[g.kind] += g.n;
      rows[g.kind === 'metric' ? 'metricPoints' : 'tableRows'] += g.rows;
      if (g.last !== null) last = Math.max(last ?? 0, new Date(g.last).getTime());
    }
    const total = groups.reduce((sum, g) => sum + g.n, 0);
    return { datasets: { total, byStatus, byKind }, rows, metrics: metrics?.n ?? 0, lastIngestedAt: last === null ? null : new Date(last).toISOString() };
  });
}
