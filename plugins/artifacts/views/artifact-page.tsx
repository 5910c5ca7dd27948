import { type AppContext, getDb, getTenant, redirectTo, roleAtLeast, runInTenant, z } from 'atoll/plugin';
import { arrayContains, inArray } from 'drizzle-orm';
import { artifacts } from '../db/schema';
import { artifactNotFound } from '../errors';
import { type ArtifactsDeps, serviceCtx } from '../routes/deps';
import { deleteArtifact } from '../services/delete-artifact';
import { getArtifact } from '../services/get-artifact';
import { EditArtifactForm, UploadVersionForm } from './artifact-forms';

/** The artifact id of a page path; anything but a UUID is simply not found. */
function artifactIdOf(c: AppContext): string {
  const id = z.string().uuid().safeParse(c.req.param('id'));
  if (!id.success) throw artifactNotFound();
  return id.data;
}

/** Names of the artifacts this one derives from, and of those derived from it (same tenant, by RLS). */
async function lineageOf(c: AppContext, artifact: { id: string; sourceArtifactIds: string[] }) {
  return runInTenant(getDb(c), getTenant(c).id, async (tx) => ({
    sources: artifact.sourceArtifactIds.length ? await tx.select({ id: artifacts.id, name: artifacts.name }).from(artifacts).where(inArray(artifacts.id, artifact.sourceArtifactIds)) : [],
    derived: await tx
      .select({ id: artifacts.id, name: artifacts.name })
      .from(artifacts)
      .where(arrayContains(artifacts.sourceArtifactIds, [artifact.id]))
      .limit(100),
  }));
}

const bytes = (n: number) => (n < 1024 ? `${n} B` : n < 1024 ** 2 ? `${(n / 1024).toFixed(1)} KiB` : n < 1024 ** 3 ? `${(n / 1024 ** 2).toFixed(1)} MiB` : `${(n / 1024 ** 3).toFixed(2)} GiB`);

/** `/app/artifacts/:id`: details, metadata, versions with download links, lineage; members change status and tags and upload versions. */
export async function ArtifactPage(c: AppContext, deps: ArtifactsDeps) {
  const tenant = getTenant(c);
  const canWrite = roleAtLeast(tenant.role, 'member');
  const artifact = await getArtifact({ ctx: { db: getDb(c) }, input: { tenantId: tenant.id, artifactId: artifactIdOf(c) } });
  const lineage = await lineageOf(c, artifact);
  const contentUrl = (v: number) => `/api/v1/artifacts/${artifact.id}/content?version=${v}`;
  return (
    <>
      <p>
        <a href={`/app/projects/${artifact.projectId}`}>← Project</a>
      </p>
      <h2 id="artifact-title">{artifact.name}</h2>
      <div class="table-scroll" tabindex={0}>
        <table id="artifact-details">
          <tbody>
            <tr>
              <th scope="row">Kind</th>
              <td>{artifact.kind}</td>
            </tr>
            <tr>
              <th scope="row">Status</th>
              <td>{artifact.status}</td>
            </tr>
            <tr>
              <th scope="row">Tags</th>
              <td>{artifact.tags.join(', ') || '—'}</td>
            </tr>
            <tr>
              <th scope="row">Produced by job</th>
              <td>{artifact.producedByJobId ?? '—'}</td>
            </tr>
            <tr>
              <th scope="row">Created</th>
              <td>{artifact.createdAt.toISOString()}</td>
            </tr>
            <tr>
              <th scope="row">Updated</th>
              <td>{artifact.updatedAt.toISOString()}</td>
            </tr>
          </tbody>
        </table>
      </div>
      <h3>Metadata</h3>
      <pre id="artifact-metadata">{JSON.stringify(artifact.metadata, null, 2)}</pre>
      <h3>Versions</h3>
      {artifact.versions.length === 0 ? (
        <p class="muted" id="no-versions">
          No content yet.{canWrite ? ' Upload a file below, or through the API.' : ''}
        </p>
      ) : (
        <div class="table-scroll" tabindex={0}>
          <table id="versions">
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Size</th>
                <th scope="col">Type</th>
                <th scope="col">SHA-256</th>
                <th scope="col">Created</th>
                <th scope="col"></th>
              </tr>
            </thead>
            <tbody>
              {[...artifact.versions].reverse().map((v) => (
                <tr data-version={v.version}>
                  <td>v{v.version}</td>
                  <td>{bytes(v.size)}</td>
                  <td>{v.contentType}</td>
                  <td>
                    <code title={v.checksum}>{v.checksum.slice(0, 12)}…</code>
                  </td>
                  <td>{v.createdAt.toISOString()}</td>
                  <td>
                    <a href={contentUrl(v.version)} hx-boost="false" download>
                      Download
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canWrite ? <UploadVersionForm artifact={artifact} maxBytes={deps.config.maxContentBytes} /> : null}
      {canWrite ? <EditArtifactForm artifact={artifact} /> : null}
      <h3>Lineage</h3>
      <div id="lineage">
        <p>
          Derived from:{' '}
          {lineage.sources.length === 0 ? (
            <span class="muted">nothing</span>
          ) : (
            lineage.sources.map((s, i) => (
              <>
                {i > 0 ? ', ' : ''}
                <a href={`/app/artifacts/${s.id}`}>{s.name}</a>
              </>
            ))
          )}
        </p>
        <p>
          Used by:{' '}
          {lineage.derived.length === 0 ? (
            <span class="muted">nothing</span>
          ) : (
            lineage.derived.map((s, i) => (
              <>
                {i > 0 ? ', ' : ''}
                <a href={`/app/artifacts/${s.id}`}>{s.name}</a>
              </>
            ))
          )}
        </p>
      </div>
      {roleAtLeast(tenant.role, 'admin') ? (
        <form method="post" action={`/app/artifacts/${artifact.id}/delete`} id="delete-artifact" hx-confirm={`Delete ${artifact.name} and all its versions?`}>
          <button type="submit" class="danger">
            Delete artifact
          </button>
        </form>
      ) : null}
    </>
  );
}

/** POST `/app/artifacts/:id/delete`: deletes it and goes back to its project. */
export async function deleteArtifactFromForm(c: AppContext, deps: ArtifactsDeps) {
  const artifactId = artifactIdOf(c);
  const { projectId } = await getArtifact({ ctx: { db: getDb(c) }, input: { tenantId: getTenant(c).id, artifactId } });
  await deleteArtifact({ ctx: serviceCtx(c, deps), input: { tenantId: getTenant(c).id, artifactId } });
  return redirectTo(c, `/app/projects/${projectId}`, { notice: 'artifact-deleted' });
}
