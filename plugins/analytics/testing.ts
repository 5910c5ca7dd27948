// Test helpers for the analytics and dashboards plugins (not a test file itself).
import type { ServiceRef } from 'atoll/plugin';
import { bootApp } from '../../test/worker/harness';
import { authTestEnv } from '../../test/worker/identity';
import { memberOf, ownerWithTenant, team } from '../../test/worker/seed';
import type { AtollApp } from '../../worker/app';
import { authPlugin } from '../auth';
import { dashboardsPlugin } from '../dashboards';
import { datasetsPlugin } from '../datasets';
import { tenantsPlugin } from '../tenants';
import { call } from '../tenants/testing';
import { analyticsPlugin } from '.';

// Metric datasets are seeded by the datasets plugin's own helper: no other plugin sees its tables.
export { type PointSpec, seedMetricDataset as seedDataset } from '../datasets/services/reads/testing';
export { call, memberOf, ownerWithTenant, team };

export const bootAnalytics = async (): Promise<AtollApp> => bootApp([authPlugin(), tenantsPlugin(), datasetsPlugin(), analyticsPlugin(), dashboardsPlugin()], await authTestEnv());

/** The service `ref` as the plugin `pluginId` of the booted app sees it (it must require the owner). */
export function serviceOf<T>(atoll: AtollApp, pluginId: string, ref: ServiceRef<T>): T {
  const plugin = atoll.registry.plugins.find((p) => p.manifest.id === pluginId);
  if (!plugin) throw new Error(`no plugin ${pluginId} in this app`);
  return plugin.context.service(ref);
}
