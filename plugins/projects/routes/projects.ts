import { type AppContext, apiUrl, createRoute, defineRoute, getDb, getTenant, type Logger, problemResponses } from 'atoll/plugin';
import type { ProjectDeletionListener } from '../refs';
import { actorOf } from '../services/context';
import { createProject } from '../services/create-project';
import { deleteProject } from '../services/delete-project';
import { getProject } from '../services/get-project';
import { listProjects } from '../services/list-projects';
import { updateProject } from '../services/update-project';
import { CreateProjectBody, DeleteProjectQuery, json, jsonBody, ListProjectsQuery, ProjectPageSchema, ProjectParams, ProjectSchema, presentProject, UpdateProjectBody } from './schemas';

const tenantHeader = problemResponses(401, 403, 404);

const create = createRoute({
  method: 'post',
  path: '/projects',
  operationId: 'projects.createProject',
  summary: 'Create a project (member)',
  request: jsonBody(CreateProjectBody),
  responses: { 201: json(ProjectSchema, 'The new project'), ...tenantHeader, ...problemResponses(400, 409) },
});

const list = createRoute({
  method: 'get',
  path: '/projects',
  operationId: 'projects.listProjects',
  summary: "The tenant's projects, filtered by name and sorted by name or updatedAt",
  request: { query: ListProjectsQuery },
  responses: { 200: json(ProjectPageSchema, 'A page of projects'), ...tenantHeader, ...problemResponses(400) },
});

const get = createRoute({
  method: 'get',
  path: '/projects/{id}',
  operationId: 'projects.getProject',
  summary: 'A project',
  request: { params: ProjectParams },
  responses: { 200: json(ProjectSchema, 'The project'), ...tenantHeader },
});

const update = createRoute({
  method: 'patch',
  path: '/projects/{id}',
  operationId: 'projects.updateProject',
  summary: 'Rename a project or change its description (member)',
  request: { params: ProjectParams, ...jsonBody(UpdateProjectBody) },
  responses: { 200: json(ProjectSchema, 'The project'), ...tenantHeader, ...problemResponses(400, 409) },
});

const remove = createRoute({
  method: 'delete',
  path: '/projects/{id}',
  operationId: 'projects.deleteProject',
  summary: 'Delete a project (admin); 409 PROJECTS_NOT_EMPTY while it holds artifacts, unless force=true',
  request: { params: ProjectParams, query: DeleteProjectQuery },
  responses: { 204: { description: 'Deleted' }, ...tenantHeader, ...problemResponses(409) },
});

const serviceCtx = (c: AppContext) => ({ db: getDb(c), actor: actorOf(c.get('principal')), request: c });

export const projectRoutes = (deps: { listeners: readonly ProjectDeletionListener[]; logger: Logger }) => [
  defineRoute(
    create,
    async (c) => {
      const project = await createProject({ ctx: serviceCtx(c), input: { tenantId: getTenant(c).id, ...c.req.valid('json') } });
      return c.json(presentProject(project), 201, { location: apiUrl(`/projects/${project.id}`) });
    },
    { access: { tenantRole: 'member', scopes: ['projects:write'] } },
  ),
  defineRoute(
    list,
    async (c) => {
      const page = await listProjects({ ctx: { db: getDb(c) }, input: { tenantId: getTenant(c).id, ...c.req.valid('query') } });
      return c.json({ items: page.items.map(presentProject), nextCursor: page.nextCursor }, 200);
    },
    { access: { tenantRole: 'viewer', scopes: ['projects:read'] } },
  ),
  defineRoute(
    get,
    async (c) => {
      const project = await getProject({ ctx: { db: getDb(c) }, input: { tenantId: getTenant(c).id, projectId: c.req.valid('param').id } });
      return c.json(presentProject(project), 200);
    },
    { access: { tenantRole: 'viewer', scopes: ['projects:read'] } },
  ),
  defineRoute(
    update,
    async (c) => {
      const project = await updateProject({ ctx: serviceCtx(c), input: { tenantId: getTenant(c).id, projectId: c.req.valid('param').id, ...c.req.valid('json') } });
      return c.json(presentProject(project), 200);
    },
    { access: { tenantRole: 'member', scopes: ['projects:write'] } },
  ),
  defineRoute(
    remove,
    async (c) => {
      const input = { tenantId: getTenant(c).id, projectId: c.req.valid('param').id, force: c.req.valid('query').force === 'true' };
      await deleteProject({ ctx: { ...serviceCtx(c), ...deps }, input });
      return c.body(null, 204);
    },
    { access: { tenantRole: 'admin', scopes: ['projects:delete'] } },
  ),
];
