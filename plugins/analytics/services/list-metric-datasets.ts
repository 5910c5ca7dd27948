import { and, asc, eq, isNotNull } from 'drizzle-orm';
import { runInTenant } from 'atoll/plugin';
import { datasets } from '../../datasets';
import type { AnalyticsContext } from './metric-filter';

/** The tenant's metric datasets with data (a completed ingestion) by name (at most 200), for pickers. */
export function listMetricDatasets({ ctx, input }: { ctx: AnalyticsContext; input: { tenantId: string } }) {
  return runInTenant(ctx.db, input.tenantId, (tx) =>
    tx
      .select({ id: datasets.id, name: datasets.name })
      .from(datasets)
      .where(and(eq(datasets.tenantId, input.tenantId), eq(datasets.kind, 'metric'), isNotNull(datasets.ingestedAt)))
      .orderBy(asc(datasets.name))
      .limit(200),
  );
}

