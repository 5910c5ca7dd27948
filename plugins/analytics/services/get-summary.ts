import { runInTenant } from 'atoll/plugin';
import type { DatasetStatus } from '../../datasets';
import type { AnalyticsContext } from './context';

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
    const groups = await ctx.metrics.datasetTotals(tx, input.tenantId);
    const metrics = await ctx.metrics.countMetrics(tx, input.tenantId);
    const byStatus = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<DatasetStatus, number>;
    const byKind = { metric: 0, table: 0 };
    const rows = { metricPoints: 0, tableRows: 0 };
    let last: number | null = null;
    for (const g of groups) {
      byStatus[g.status] = (byStatus[g.status] ?? 0) + g.count;
      byKind[g.kind] += g.count;
      rows[g.kind === 'metric' ? 'metricPoints' : 'tableRows'] += g.rows;
      if (g.lastIngestedAt !== null) last = Math.max(last ?? 0, Date.parse(g.lastIngestedAt));
    }
    const total = groups.reduce((sum, g) => sum + g.count, 0);
    return { datasets: { total, byStatus, byKind }, rows, metrics, lastIngestedAt: last === null ? null : new Date(last).toISOString() };
  });
}
