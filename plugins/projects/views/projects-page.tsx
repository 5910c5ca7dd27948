import { type AppContext, getDb, getTenant, parseForm, redirectTo, roleAtLeast, z } from 'atoll/plugin';
import { CreateProjectBody } from '../routes/schemas';
import { actorOf } from '../services/context';
import { createProject } from '../services/create-project';
import { listProjects } from '../services/list-projects';

const ListQuery = z.object({ q: z.string().trim().max(200).optional().catch(undefined), cursor: z.string().max(1000).optional().catch(undefined) });

/** `/app/projects`: the current tenant's projects with a name filter; members get a create form. */
export async function ProjectsPage(c: AppContext) {
  const tenant = getTenant(c);
  const query = ListQuery.parse(c.req.query());
  const q = query.q || undefined;
  const page = await listProjects({ ctx: { db: getDb(c) }, input: { tenantId: tenant.id, limit: 50, q, cursor: query.cursor } });
  const nextHref = page.nextCursor ? `/app/projects?${new URLSearchParams({ ...(q ? { q } : {}), cursor: page.nextCursor })}` : null;
  return (
    <>
      {roleAtLeast(tenant.role, 'member') ? (
        <form class="stack" method="post" action="/app/projects" id="create-project">
          <h2>New project</h2>
          <label for="project-name">
            Name
            <input id="project-name" name="name" required maxlength={200} />
          </label>
          <label for="project-description">
            Description <small class="muted">optional</small>
            <textarea id="project-description" name="description" maxlength={2000} rows={2}></textarea>
          </label>
          <button type="submit">Create project</button>
        </form>
      ) : null}
      <form method="get" action="/app/projects" class="inline" role="search">
        <label for="project-filter">
          Name contains
          <input id="project-filter" name="q" value={q ?? ''} maxlength={200} />
        </label>
        <button type="submit" class="secondary">
          Filter
        </button>
      </form>
      {page.items.length === 0 ? (
        <p class="muted" id="no-projects">
          {q ? 'No project matches.' : roleAtLeast(tenant.role, 'member') ? 'No projects yet. Create the first one above.' : 'No projects yet. A member of this tenant can create one.'}
        </p>
      ) : (
        <div class="table-scroll" tabindex={0}>
          <table id="projects">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Description</th>
                <th scope="col">Updated</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((p) => (
                <tr data-project={p.id}>
                  <td>
                    <a href={`/app/projects/${p.id}`}>{p.name}</a>
                  </td>
                  <td>{p.description ?? ''}</td>
                  <td>
                    <time datetime={p.updatedAt.toISOString()}>{p.updatedAt.toISOString().slice(0, 16).replace('T', ' ')}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {nextHref ? (
        <p>
          <a href={nextHref} id="next-page">
            Next page
          </a>
        </p>
      ) : null}
    </>
  );
}

const CreateForm = CreateProjectBody.extend({ description: z.string().trim().max(2000).optional() });

/** POST `/app/projects`: creates the project and opens it. */
export async function createProjectFromForm(c: AppContext) {
  const form = await parseForm(c, CreateForm);
  const project = await createProject({
    ctx: { db: getDb(c), actor: actorOf(c.get('principal')), request: c },
    input: { tenantId: getTenant(c).id, name: form.name, description: form.description || null },
  });
  return redirectTo(c, `/app/projects/${project.id}`, { notice: 'project-created' });
}
