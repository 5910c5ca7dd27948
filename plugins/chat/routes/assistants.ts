import { type AppContext, actorOf, apiUrl, coreServices, createRoute, defineRoute, getDb, getTenant, getUser, type PluginContext, problemResponses } from 'atoll/plugin';
import { createAssistant } from '../services/create-assistant';
import { deleteAssistant } from '../services/delete-assistant';
import { getAssistant } from '../services/get-assistant';
import { listAssistants } from '../services/list-assistants';
import { updateAssistant } from '../services/update-assistant';
import { AssistantPageSchema, AssistantParams, AssistantSchema, CreateAssistantBody, presentAssistant, UpdateAssistantBody } from './assistant-schemas';
import { json, jsonBody, ListQuery } from './schemas';

const tenantHeader = problemResponses(401, 403, 404);

const create = createRoute({
  method: 'post',
  path: '/chat/assistants',
  operationId: 'chat.createAssistant',
  summary: 'Save an assistant configuration (admin); 400 CHAT_UNKNOWN_TOOL names tools no plugin contributes',
  request: jsonBody(CreateAssistantBody),
  responses: { 201: json(AssistantSchema, 'The new assistant'), ...tenantHeader, ...problemResponses(400, 409) },
});

const list = createRoute({
  method: 'get',
  path: '/chat/assistants',
  operationId: 'chat.listAssistants',
  summary: "The tenant's assistants, the default first, then by name",
  request: { query: ListQuery },
  responses: { 200: json(AssistantPageSchema, 'A page of assistants'), ...tenantHeader, ...problemResponses(400) },
});

const get = createRoute({
  method: 'get',
  path: '/chat/assistants/{id}',
  operationId: 'chat.getAssistant',
  summary: 'An assistant',
  request: { params: AssistantParams },
  responses: { 200: json(AssistantSchema, 'The assistant'), ...tenantHeader },
});

const update = createRoute({
  method: 'patch',
  path: '/chat/assistants/{id}',
  operationId: 'chat.updateAssistant',
  summary: 'Change an assistant (admin); isDefault true makes it the default',
  request: { params: AssistantParams, ...jsonBody(UpdateAssistantBody) },
  responses: { 200: json(AssistantSchema, 'The assistant'), ...tenantHeader, ...problemResponses(400, 409) },
});

const remove = createRoute({
  method: 'delete',
  path: '/chat/assistants/{id}',
  operationId: 'chat.deleteAssistant',
  summary: 'Delete an assistant (admin); 409 CHAT_DEFAULT_ASSISTANT for the default one',
  request: { params: AssistantParams },
  responses: { 204: { description: 'Deleted' }, ...tenantHeader, ...problemResponses(409) },
});

/** Assistants are a tenant's shared settings: members read them, admins change them. Users only. */
export const assistantRoutes = (plugin: PluginContext<unknown>) => {
  const serviceCtx = (c: AppContext) => ({ db: getDb(c), actor: actorOf(getUser(c)), request: c, tools: plugin.service(coreServices.chatTools) });
  return [
    defineRoute(
      create,
      async (c) => {
        const assistant = await createAssistant({ ctx: serviceCtx(c), input: { tenantId: getTenant(c).id, ...c.req.valid('json') } });
        return c.json(presentAssistant(assistant), 201, { location: apiUrl(`/chat/assistants/${assistant.id}`) });
      },
      { access: { tenantRole: 'admin' } },
    ),
    defineRoute(
      list,
      async (c) => {
        getUser(c); // users only: access control refuses keys already (no scopes); this states it here
        const page = await listAssistants({ ctx: { db: getDb(c) }, input: { tenantId: getTenant(c).id, ...c.req.valid('query') } });
        return c.json({ items: page.items.map(presentAssistant), nextCursor: page.nextCursor }, 200);
      },
      { access: { tenantRole: 'viewer' } },
    ),
    defineRoute(
      get,
      async (c) => {
        getUser(c);
        const assistant = await getAssistant({ ctx: { db: getDb(c) }, input: { tenantId: getTenant(c).id, assistantId: c.req.valid('param').id } });
        return c.json(presentAssistant(assistant), 200);
      },
      { access: { tenantRole: 'viewer' } },
    ),
    defineRoute(
      update,
      async (c) => {
        const input = { tenantId: getTenant(c).id, assistantId: c.req.valid('param').id, ...c.req.valid('json') };
        return c.json(presentAssistant(await updateAssistant({ ctx: serviceCtx(c), input })), 200);
      },
      { access: { tenantRole: 'admin' } },
    ),
    defineRoute(
      remove,
      async (c) => {
        await deleteAssistant({ ctx: serviceCtx(c), input: { tenantId: getTenant(c).id, assistantId: c.req.valid('param').id } });
        return c.body(null, 204);
      },
      { access: { tenantRole: 'admin' } },
    ),
  ];
};
