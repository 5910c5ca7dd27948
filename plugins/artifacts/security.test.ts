import { describe, expect, it } from 'vitest';
import { seedUser } from '../../test/worker/seed';
import { bootProjects } from '../projects/testing';
import { call, newArtifact, teamWithProject } from './testing';

const atoll = await bootProjects();

/**
 * The security set for every projects and artifacts route: no credentials 401, a signed-in stranger
 * naming the tenant 404, a viewer on a write 403, a bad body 400.
 */
describe('security set for every projects and artifacts route', async () => {
  const t = await teamWithProject(atoll, 'sec');
  const artifact = await newArtifact(atoll, t.owner, t.tenant.id, t.project.id);
  const upload = await call(atoll, 'POST', `/api/v1/artifacts/${artifact.id}/uploads`, t.owner, { tenant: t.tenant.id, body: { size: 3 }, status: 201 });
  const stranger = await seedUser(atoll);

  type Route = { method: string; path: string; write: boolean; body?: unknown; bad?: unknown };
  const routes: Route[] = [
    { method: 'GET', path: '/api/v1/projects', write: false },
    { method: 'POST', path: '/api/v1/projects', write: true, body: { name: 'n' }, bad: { name: '' } },
    { method: 'GET', path: `/api/v1/projects/${t.project.id}`, write: false },
    { method: 'PATCH', path: `/api/v1/projects/${t.project.id}`, write: true, body: { description: 'd' }, bad: { name: 7 } },
    { method: 'DELETE', path: `/api/v1/projects/${t.project.id}`, write: true },
    { method: 'GET', path: `/api/v1/projects/${t.project.id}/artifacts`, write: false },
    { method: 'POST', path: `/api/v1/projects/${t.project.id}/artifacts`, write: true, body: { name: 'a', kind: 'file' }, bad: { name: 'a', kind: 'video' } },
    { method: 'GET', path: `/api/v1/artifacts/${artifact.id}`, write: false },
    { method: 'PATCH', path: `/api/v1/artifacts/${artifact.id}`, write: true, body: { status: 'ready' }, bad: { status: 'gone' } },
    { method: 'DELETE', path: `/api/v1/artifacts/${artifact.id}`, write: true },
    { method: 'POST', path: `/api/v1/artifacts/${artifact.id}/uploads`, write: true, body: { size: 3 }, bad: { size: -1 } },
    { method: 'POST', path: `/api/v1/artifacts/${artifact.id}/uploads/${upload.uploadId}/complete`, write: true, body: {} },
    { method: 'GET', path: `/api/v1/artifacts/${artifact.id}/content`, write: false },
    { method: 'POST', path: `/api/v1/artifacts/${artifact.id}/download-url`, write: false, body: {}, bad: { expiresIn: -5 } },
  ];

  for (const r of routes) {
    it(`${r.method} ${r.path.replace(/[0-9a-f-]{36}/g, '{id}')}`, async () => {
      const body = r.body;
      await call(atoll, r.method, r.path, null, { tenant: t.tenant.id, body, status: 401 });
      await call(atoll, r.method, r.path, stranger, { tenant: t.tenant.id, body, status: 404 });
      if (r.write) await call(atoll, r.method, r.path, t.viewer, { tenant: t.tenant.id, body, status: 403 });
      if (r.bad !== undefined) {
        const answer = await call(atoll, r.method, r.path, t.owner, { tenant: t.tenant.id, body: r.bad, status: 400 });
        expect(answer.errors?.length ?? 0, JSON.stringify(answer)).toBeGreaterThan(0);
      }
    });
  }
});
