import { type AppContext, getDb, getTenant, parseForm, redirectTo, roleAtLeast, z } from 'atoll/plugin';
import { ARTIFACT_KINDS, ARTIFACT_STATUSES } from '../db/schema';
import { type ArtifactsDeps, serviceCtx } from '../routes/deps';
import { Kind, Name, Status, Tag, TagsField } from '../routes/schemas';
import { createArtifact } from '../services/create-artifact';
import { listArtifacts } from '../services/list-artifacts';

// Filters come from the page's query string; a bad value is dropped rather than failing the page.
const Filters = z.object({
  kind: Kind.optional().catch(undefined),
  status: Status.optional().catch(undefined),
  tag: Tag.optional().catch(undefined),
  cursor: z.string().max(500).optional().catch(undefined),
});
const CreateForm = z.object({
  name: Name,
  kind: Kind,
  tags: TagsField,
});

const Options = ({ values, selected }: { values: readonly string[]; selected: string | undefined }) => (
  <>
    <option value="">any</option>
    {values.map((v) => (
      <option value={v} selected={v === selected}>
        {v}
      </option>
    ))}
  </>
);

/** The artifacts table on the project page, with kind/status/tag filters and a create form for members. */
export async function ArtifactsSection(c: AppContext, project: { id: string; name: string }, deps: ArtifactsDeps) {
  const tenant = getTenant(c);
  const query = Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== ''));
  const filters = Filters.parse(query);
  const page = await listArtifacts({ ctx: { db: getDb(c), projects: deps.projects }, input: { tenantId: tenant.id, projectId: project.id, limit: 50, ...filters } });
  const { cursor: _, ...kept } = filters;
  const nextHref = page.nextCursor ? `/app/projects/${project.id}?${new URLSearchParams({ ...(kept as Record<string, string>), cursor: page.nextCursor })}` : null;
  return (
    <section id="artifacts-section">
      <h2>Artifacts</h2>
      <form method="get" action={`/app/projects/${project.id}`} class="inline" id="artifact-filters">
        <label for="filter-kind">
          Kind
          <select id="filter-kind" name="kind">
            <Options values={ARTIFACT_KINDS} selected={filters.kind} />
          </select>
        </label>
        <label for="filter-status">
          Status
          <select id="filter-status" name="status">
            <Options values={ARTIFACT_STATUSES} selected={filters.status} />
          </select>
        </label>
        <label for="filter-tag">
          Tag
          <input id="filter-tag" name="tag" value={filters.tag ?? ''} maxlength={64} />
        </label>
        <button type="submit" class="secondary">
          Filter
        </button>
      </form>
      {page.items.length === 0 ? (
        <p class="muted" id="no-artifacts">
          {filters.kind || filters.status || filters.tag ? 'No artifacts match these filters.' : 'No artifacts yet. Create one below, or record one from a job through the API.'}
        </p>
      ) : (
        <div class="table-scroll" tabindex={0}>
          <table id="artifacts">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">Status</th>
                <th scope="col">Tags</th>
                <th scope="col">Version</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((a) => (
                <tr data-artifact={a.id}>
                  <td>
                    <a href={`/app/artifacts/${a.id}`}>{a.name}</a>
                  </td>
                  <td>{a.kind}</td>
                  <td>{a.status}</td>
                  <td>{a.tags.join(', ')}</td>
                  <td>{a.latestVersion === 0 ? '—' : `v${a.latestVersion}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {nextHref ? (
        <p>
          <a href={nextHref} id="next-artifacts">
            Next page
          </a>
        </p>
      ) : null}
      {roleAtLeast(tenant.role, 'member') ? (
        <form class="stack" method="post" action={`/app/projects/${project.id}/artifacts`} id="create-artifact">
          <h2>New artifact</h2>
          <label for="artifact-name">
            Name
            <input id="artifact-name" name="name" required maxlength={200} />
          </label>
          <label for="artifact-kind">
            Kind
            <select id="artifact-kind" name="kind">
              {ARTIFACT_KINDS.map((k) => (
                <option value={k}>{k}</option>
              ))}
            </select>
          </label>
          <label for="artifact-tags">
            Tags <small class="muted">comma-separated</small>
            <input id="artifact-tags" name="tags" maxlength={2000} />
          </label>
          <button type="submit">Create artifact</button>
        </form>
      ) : null}
    </section>
  );
}

/** POST `/app/projects/:id/artifacts`: creates the artifact and opens it. */
export async function createArtifactFromForm(c: AppContext, deps: ArtifactsDeps) {
  const projectId = z.string().uuid().safeParse(c.req.param('id'));
  const form = await parseForm(c, CreateForm);
  const artifact = await createArtifact({
    ctx: serviceCtx(c, deps),
    // A malformed id can match no project: the nil UUID gives the same 404 as an unknown one.
    input: { tenantId: getTenant(c).id, projectId: projectId.success ? projectId.data : '00000000-0000-0000-0000-000000000000', name: form.name, kind: form.kind, tags: form.tags },
  });
  return redirectTo(c, `/app/artifacts/${artifact.id}`, { notice: 'artifact-created' });
}
