import { apiUrl, createRoute, defineRoute, getDb, getTenant, problemResponses } from 'atoll/plugin';
import { createNote, deleteNote, getNote, listNotes, updateNote } from '../services/notes';
import { serviceCtx } from './polygons';
import { json, jsonBody, NoteBodySchema, NotePageSchema, NoteParams, NoteSchema, PageQuery, PolygonParams, presentNote } from './schemas';

const tenantScoped = problemResponses(401, 403, 404);

const list = createRoute({
  method: 'get',
  path: '/polygons/{polygonId}/notes',
  operationId: 'polygons.listNotes',
  summary: "A polygon's notes, oldest first",
  request: { params: PolygonParams, query: PageQuery },
  responses: { 200: json(NotePageSchema, 'A page of notes'), ...tenantScoped, ...problemResponses(400) },
});

const create = createRoute({
  method: 'post',
  path: '/polygons/{polygonId}/notes',
  operationId: 'polygons.createNote',
  summary: 'Add a note to a polygon (member)',
  request: { params: PolygonParams, ...jsonBody(NoteBodySchema) },
  responses: { 201: json(NoteSchema, 'The new note'), ...tenantScoped, ...problemResponses(400) },
});

const get = createRoute({
  method: 'get',
  path: '/polygons/{polygonId}/notes/{noteId}',
  operationId: 'polygons.getNote',
  summary: 'A note',
  request: { params: NoteParams },
  responses: { 200: json(NoteSchema, 'The note'), ...tenantScoped },
});

const update = createRoute({
  method: 'patch',
  path: '/polygons/{polygonId}/notes/{noteId}',
  operationId: 'polygons.updateNote',
  summary: 'Rewrite a note (its author, or an admin)',
  request: { params: NoteParams, ...jsonBody(NoteBodySchema) },
  responses: { 200: json(NoteSchema, 'The note'), ...tenantScoped, ...problemResponses(400) },
});

const remove = createRoute({
  method: 'delete',
  path: '/polygons/{polygonId}/notes/{noteId}',
  operationId: 'polygons.deleteNote',
  summary: 'Delete a note (its author, or an admin)',
  request: { params: NoteParams },
  responses: { 204: { description: 'Deleted' }, ...tenantScoped },
});

const reads = { access: { tenantRole: 'viewer' as const, scopes: ['polygons:read'] } };
const writes = { access: { tenantRole: 'member' as const, scopes: ['polygons:write'] } };
const deletes = { access: { tenantRole: 'member' as const, scopes: ['polygons:delete'] } };

/** `/api/v1/polygons/{polygonId}/notes`: viewers read; members add; the author or an admin changes and deletes. */
export const noteRoutes = () => [
  defineRoute(
    list,
    async (c) => {
      const page = await listNotes({ ctx: { db: getDb(c) }, input: { tenantId: getTenant(c).id, ...c.req.valid('param'), ...c.req.valid('query') } });
      return c.json({ items: page.items.map(presentNote), nextCursor: page.nextCursor }, 200);
    },
    reads,
  ),
  defineRoute(
    create,
    async (c) => {
      const { polygonId } = c.req.valid('param');
      const note = await createNote({ ctx: serviceCtx(c), input: { tenantId: getTenant(c).id, polygonId, ...c.req.valid('json') } });
      return c.json(presentNote(note), 201, { location: apiUrl(`/polygons/${polygonId}/notes/${note.id}`) });
    },
    writes,
  ),
  defineRoute(get, async (c) => c.json(presentNote(await getNote({ ctx: { db: getDb(c) }, input: { tenantId: getTenant(c).id, ...c.req.valid('param') } })), 200), reads),
  defineRoute(update, async (c) => c.json(presentNote(await updateNote({ ctx: serviceCtx(c), input: { tenantId: getTenant(c).id, ...c.req.valid('param'), ...c.req.valid('json') } })), 200), writes),
  defineRoute(
    remove,
    async (c) => {
      await deleteNote({ ctx: serviceCtx(c), input: { tenantId: getTenant(c).id, ...c.req.valid('param') } });
      return c.body(null, 204);
    },
    deletes,
  ),
];
