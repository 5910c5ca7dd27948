import { getDb, type HomeSource } from 'atoll/plugin';
import { listProjects } from '../services/list-projects';

/** The projects plugin on the home page: the most recently changed projects. */
export const projectsHome: HomeSource = async (c, tenant) => {
  if (!tenant) return {};
  const { items } = await listProjects({ ctx: { db: getDb(c) }, input: { tenantId: tenant.id, limit: 5, sort: 'updatedAt' } });
  return { recent: items.map((p) => ({ kind: 'Project', label: p.name, href: `/app/projects/${p.id}`, at: p.updatedAt.toISOString() })) };
};
