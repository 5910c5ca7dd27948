// Test helpers for the dashboards plugin (not a test file itself).
import type { AtollApp } from '../../worker/app';
import { call } from '../analytics/testing';

export { bootAnalytics as bootDashboards, call, ownerWithTenant, seedDataset, team } from '../analytics/testing';

export const timeseriesPanel = (metric = 'temp', extra: Record<string, unknown> = {}) => ({
  type: 'timeseries',
  title: `${metric} per hour`,
  query: { metric, agg: 'avg', bucket: 'hour', range: { last: '24h' } },
  ...extra,
});

/** Creates a dashboard as `who` in `tenantId`. */
export const newDashboard = (atoll: AtollApp, who: Parameters<typeof call>[3], tenantId: string, body: Record<string, unknown> = {}) =>
  call(atoll, 'POST', '/api/v1/dashboards', who, { tenant: tenantId, body: { name: `d-${crypto.randomUUID().slice(0, 8)}`, ...body }, status: 201 });
