// Test helpers for the analytics and dashboards plugins (not a test file itself).
import { runInTenant } from '../../worker/db/tenant-scope';
import { bootApp } from '../../test/worker/harness';
import { memberOf, ownerWithTenant, team } from '../../test/worker/seed';
import { authTestEnv } from '../../test/worker/identity';
import type { AtollApp } from '../../worker/app';
import { authPlugin } from '../auth';
import { dashboardsPlugin } from '../dashboards';
import { datasets, metricPoints, type DatasetStatus } from '../datasets';
import { datasetsPlugin } from '../datasets';
import { tenantsPlugin } from '../tenants';
import { withDatabase } from '../tenants/db-access';
import { call } from '../tenants/testing';
import { analyticsPlugin } from '.';

export { call, memberOf, ownerWithTenant, team };

export const bootAnalytics = async (): Promise<AtollApp> =>
  bootApp([authPlugin(), tenantsPlugin(), datasetsPlugin(), analyticsPlugin(), dashboardsPlugin()], await authTestEnv());

/** [metric, value, ISO time] */
export type PointSpec = [string, number, string];

/**
 * Inserts a metric dataset and its points straight into the database (as ingestion would leave
 * them), with `rowCount` = the number of points; returns the dataset id. `ingestedAt` defaults to
 * now for a ready dataset and null otherwise (a dataset that never finished an ingestion).
 */
export async function seedDataset(tenantId: string, points: PointSpec[], options: { status?: DatasetStatus; name?: string; ingestedAt?: Date } = {}): Promise<string> {
  return withDatabase((db) =>
    runInTenant(db, tenantId, async (tx) => {
      const id = crypto.randomUUID();
      const status = options.status ?? 'ready';
      await tx.insert(datasets).values({
        id,
        tenantId,
        name: options.name ?? `m_${id.slice(0, 8)}`,
        kind: 'metric',
        format: 'csv',
        status,
        objectKey: `tenants/${tenantId}/datasets/${id}/source`,
        rowCount: points.length,
        ingestedAt: options.ingestedAt ?? (status === 'ready' ? new Date() : null),
      });
      if (points.length > 0) {
        await tx.insert(metricPoints).values(points.map(([metric, value, ts]) => ({ tenantId, datasetId: id, metric, value, ts: new Date(ts) })));
      }
      return id;
    }),
  );
}
