import { type AppContext, AtollError, getDb, getTenant, type Logger, parseForm, redirectTo, roleAtLeast, z } from 'atoll/plugin';
import { ProjectsErrorCode, projectNotEmptyOnPage, projectNotFound } from '../errors';
import type { ProjectDeletionListener, ProjectSection } from '../refs';
import { actorOf } from '../services/context';
import { deleteProject } from '../services/delete-project';
import { getProject } from '../services/get-project';

const UUID = z.string().uuid();
const DeleteForm = z.object({ force: z.literal('true').optional() });

/** The project id of a page path; anything but a UUID is simply not found. */
export function projectIdOf(c: AppContext): string {
  const id = UUID.safeParse(c.req.param('id'));
  if (!id.success) throw projectNotFound();
  return id.data;
}

/** `/app/projects/:id`: the project, the sections other plugins add (artifacts), and deletion for admins. */
export async function ProjectPage(c: AppContext, sections: readonly ProjectSection[]) {
  const tenant = getTenant(c);
  const project = await getProject({ ctx: { db: getDb(c) }, input: { tenantId: tenant.id, projectId: projectIdOf(c) } });
  const rendered = await Promise.all(sections.map((section) => section(c, project)));
  return (
    <>
      <p>
        <a href="/app/projects">← Projects</a>
      </p>
      <h2 id="project-title">{project.name}</h2>
      {project.description ? <p class="lead">{project.description}</p> : null}
      {rendered}
      {roleAtLeast(tenant.role, 'admin') ? (
        <form method="post" action={`/app/projects/${project.id}/delete`} class="stack" id="delete-project" hx-confirm={`Delete the project ${project.name}?`}>
          <h2>Delete project</h2>
          <label for="project-force">
            <input type="checkbox" id="project-force" name="force" value="true" /> Also delete its artifacts and their content
          </label>
          <button type="submit" class="danger">
            Delete project
          </button>
        </form>
      ) : null}
    </>
  );
}

/** POST `/app/projects/:id/delete`. */
export async function deleteProjectFromForm(c: AppContext, deps: { listeners: readonly ProjectDeletionListener[]; logger: Logger }) {
  const projectId = projectIdOf(c);
  const form = await parseForm(c, DeleteForm);
  try {
    await deleteProject({
      ctx: { db: getDb(c), actor: actorOf(c.get('principal')), request: c, ...deps },
      input: { tenantId: getTenant(c).id, projectId, force: form.force === 'true' },
    });
  } catch (error) {
    // The service's detail tells API clients to add ?force=true; here the form's box does that.
    if (error instanceof AtollError && error.code === ProjectsErrorCode.NOT_EMPTY) throw projectNotEmptyOnPage();
    throw error;
  }
  return redirectTo(c, '/app/projects', { notice: 'project-deleted' });
}
