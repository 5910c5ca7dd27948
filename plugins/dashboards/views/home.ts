import { getDb, type HomeSource } from 'atoll/plugin';
import { listRecentDashboards } from '../services/list-recent-dashboards';

/** The dashboards plugin on the home page: the "build a dashboard" step and the latest dashboards. */
export const dashboardsHome: HomeSource = async (c, tenant) => {
  const step = { order: 40, label: 'Build a dashboard', href: '/app/dashboards' };
  if (!tenant) return { steps: [{ ...step, done: false }] };
  const items = await listRecentDashboards({ ctx: { db: getDb(c) }, input: { tenantId: tenant.id, limit: 5 } });
  return {
    steps: [{ ...step, done: items.length > 0 }],
    recent: items.map((d) => ({ kind: 'Dashboard', label: d.name, href: `/app/dashboards/${d.id}`, at: d.updatedAt.toISOString() })),
  };
};
