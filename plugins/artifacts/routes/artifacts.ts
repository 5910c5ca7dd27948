import { apiUrl, createRoute, defineRoute, getDb, getTenant, problemResponses } from 'atoll/plugin';
import { createArtifact } from '../services/create-artifact';
import { deleteArtifact } from '../services/delete-artifact';
import { getArtifact } from '../services/get-artifact';
import { listArtifacts } from '../services/list-artifacts';
import { updateArtifact } from '../services/update-artifact';
import { type ArtifactsDeps, DELETE, READ, serviceCtx, WRITE } from './deps';
import {
  ArtifactDetailSchema,
  ArtifactPageSchema,
  ArtifactParams,
  ArtifactSchema,
  CreateArtifactBody,
  json,
  jsonBody,
  ListArtifactsQuery,
  ProjectArtifactsParams,
  presentArtifact,
  presentVersion,
  UpdateArtifactBody,
} from './schemas';

const common = problemResponses(400, 401, 403, 404);

const create = createRoute({
  method: 'post',
  path: '/projects/{projectId}/artifacts',
  operationId: 'artifacts.createArtifact',
  summary: 'Create an artifact in a project (member)',
  request: { params: ProjectArtifactsParams, ...jsonBody(CreateArtifactBody) },
  responses: { 201: json(ArtifactSchema, 'The new artifact'), ...common, ...problemResponses(413) },
});

const list = createRoute({
  method: 'get',
  path: '/projects/{projectId}/artifacts',
  operationId: 'artifacts.listArtifacts',
  summary: "A project's artifacts, newest first, filtered by kind, status and tag",
  request: { params: ProjectArtifactsParams, query: ListArtifactsQuery },
  responses: { 200: json(ArtifactPageSchema, 'A page of artifacts'), ...common },
});

const get = createRoute({
  method: 'get',
  path: '/artifacts/{id}',
  operationId: 'artifacts.getArtifact',
  summary: 'An artifact with its content versions',
  request: { params: ArtifactParams },
  responses: { 200: json(ArtifactDetailSchema, 'The artifact'), ...common },
});

const update = createRoute({
  method: 'patch',
  path: '/artifacts/{id}',
  operationId: 'artifacts.updateArtifact',
  summary: 'Change an artifact (member); absent fields stay as they are, metadata is replaced whole',
  request: { params: ArtifactParams, ...jsonBody(UpdateArtifactBody) },
  responses: { 200: json(ArtifactSchema, 'The artifact'), ...common, ...problemResponses(413) },
});

const remove = createRoute({
  method: 'delete',
  path: '/artifacts/{id}',
  operationId: 'artifacts.deleteArtifact',
  summary: 'Delete an artifact with all its versions and stored content (admin)',
  request: { params: ArtifactParams },
  responses: { 204: { description: 'Deleted' }, ...common },
});

export const artifactRoutes = (deps: ArtifactsDeps) => [
  defineRoute(
    create,
    async (c) => {
      const artifact = await createArtifact({ ctx: serviceCtx(c, deps), input: { tenantId: getTenant(c).id, projectId: c.req.valid('param').projectId, ...c.req.valid('json') } });
      return c.json(presentArtifact(artifact), 201, { location: apiUrl(`/artifacts/${artifact.id}`) });
    },
    { access: WRITE },
  ),
  defineRoute(
    list,
    async (c) => {
      const page = await listArtifacts({ ctx: { db: getDb(c), projects: deps.projects }, input: { tenantId: getTenant(c).id, projectId: c.req.valid('param').projectId, ...c.req.valid('query') } });
      return c.json({ items: page.items.map(presentArtifact), nextCursor: page.nextCursor }, 200);
    },
    { access: READ },
  ),
  defineRoute(
    get,
    async (c) => {
      const artifact = await getArtifact({ ctx: { db: getDb(c) }, input: { tenantId: getTenant(c).id, artifactId: c.req.valid('param').id } });
      return c.json({ ...presentArtifact(artifact), versions: artifact.versions.map(presentVersion) }, 200);
    },
    { access: READ },
  ),
  defineRoute(
    update,
    async (c) => {
      const artifact = await updateArtifact({ ctx: serviceCtx(c, deps), input: { tenantId: getTenant(c).id, artifactId: c.req.valid('param').id, changes: c.req.valid('json') } });
      return c.json(presentArtifact(artifact), 200);
    },
    { access: WRITE },
  ),
  defineRoute(
    remove,
    async (c) => {
      await deleteArtifact({ ctx: serviceCtx(c, deps), input: { tenantId: getTenant(c).id, artifactId: c.req.valid('param').id } });
      return c.body(null, 204);
    },
    { access: DELETE },
  ),
];
