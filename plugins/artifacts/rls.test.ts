import { describe, expect, it, vi } from 'vitest';
import { runInScope, runInTenant } from '../../worker/db/tenant-scope';
import { projects } from '../projects/db/schema';
import { bootProjects, call } from '../projects/testing';
import { withDatabase } from '../tenants/db-access';
import { artifacts, artifactUploads, artifactVersions } from './db/schema';
import { newArtifact, teamWithProject, uploadVersion } from './testing';

vi.setConfig({ testTimeout: 30_000 });
const atoll = await bootProjects();

async function tenantWithData(label: string) {
  const t = await teamWithProject(atoll, label);
  const artifact = await newArtifact(atoll, t.member, t.tenant.id, t.project.id);
  await uploadVersion(atoll, t.member, t.tenant.id, artifact.id, label);
  await call(atoll, 'POST', `/api/v1/artifacts/${artifact.id}/uploads`, t.member, { tenant: t.tenant.id, body: { size: 1 }, status: 201 });
  return { ...t, artifact };
}

const everything = (tx: Parameters<Parameters<typeof runInScope>[2]>[0]) =>
  Promise.all([tx.select().from(projects), tx.select().from(artifacts), tx.select().from(artifactVersions), tx.select().from(artifactUploads)]);

describe('row-level security on projects and artifacts', () => {
  it("shows tenant A none of tenant B's rows, with no tenant filter in the query", async () => {
    const a = await tenantWithData('rls-a');
    const b = await tenantWithData('rls-b');
    const [ps, as, vs, us] = await withDatabase((db) => runInTenant(db, a.tenant.id, everything));
    expect(ps.map((p) => p.id)).toEqual([a.project.id]);
    expect(as.map((x) => x.id)).toEqual([a.artifact.id]);
    expect(vs.map((v) => v.artifactId)).toEqual([a.artifact.id]);
    expect(us.map((u) => u.artifactId)).toEqual([a.artifact.id, a.artifact.id]);
    expect(JSON.stringify([ps, as, vs, us])).not.toContain(b.tenant.id);
  });

  it('shows nothing outside a tenant scope, and refuses writes into another tenant', async () => {
    const a = await tenantWithData('rls-none');
    const b = await tenantWithData('rls-other');
    expect((await withDatabase((db) => runInScope(db, {}, everything))).flat()).toEqual([]);
    await withDatabase(async (db) => {
      await expect(runInTenant(db, a.tenant.id, (tx) => tx.insert(projects).values({ tenantId: b.tenant.id, name: 'sneaky' }))).rejects.toThrow();
      // An artifact of tenant A in tenant B's project: the composite foreign key refuses it.
      await expect(runInTenant(db, a.tenant.id, (tx) => tx.insert(artifacts).values({ tenantId: a.tenant.id, projectId: b.project.id, name: 'x', kind: 'file' }))).rejects.toThrow();
      const renamed = await runInTenant(db, a.tenant.id, (tx) => tx.update(artifacts).set({ name: 'pwned' }).returning());
      expect(renamed.map((r) => r.id)).toEqual([a.artifact.id]);
      const deleted = await runInTenant(db, a.tenant.id, (tx) => tx.delete(artifactVersions).returning());
      expect(deleted.map((r) => r.tenantId)).toEqual([a.tenant.id]);
    });
    expect((await call(atoll, 'GET', `/api/v1/artifacts/${b.artifact.id}`, b.owner, { tenant: b.tenant.id, status: 200 })).versions).toHaveLength(1);
  });
});
