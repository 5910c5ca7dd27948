import { runInTenant } from 'atoll/plugin';
import type { AnalyticsContext } from './context';

/** The tenant's metric datasets with data (a completed ingestion) by name (at most 200), for pickers. */
export function listMetricDatasets({ ctx, input }: { ctx: AnalyticsContext; input: { tenantId: string } }): Promise<{ id: string; name: string }[]> {
  return runInTenant(ctx.db, input.tenantId, (tx) => ctx.metrics.listMetricDatasets(tx, input.tenantId));
}
