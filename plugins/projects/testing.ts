// Test helpers for the projects and artifacts plugins (not a test file itself).
import { bootApp } from '../../test/worker/harness';
import { authTestEnv } from '../../test/worker/identity';
import { memberOf, ownerWithTenant, team } from '../../test/worker/seed';
import type { AtollApp } from '../../worker/app';
import { artifactsPlugin } from '../artifacts';
import { authPlugin } from '../auth';
import { tenantsPlugin } from '../tenants';
import { call } from '../tenants/testing';
import { projectsPlugin } from '.';

export { call, memberOf, ownerWithTenant, team };

export const bootProjects = async (env: Record<string, string> = {}): Promise<AtollApp> =>
  bootApp([authPlugin(), tenantsPlugin(), projectsPlugin(), artifactsPlugin()], { ...(await authTestEnv()), ...env });

/** Creates a project as `who` in `tenantId`. */
export const newProject = (atoll: AtollApp, who: Parameters<typeof call>[3], tenantId: string, name = `p-${crypto.randomUUID().slice(0, 8)}`, description?: string) =>
  call(atoll, 'POST', '/api/v1/projects', who, { tenant: tenantId, body: { name, ...(description ? { description } : {}) }, status: 201 });
