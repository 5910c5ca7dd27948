import { type AppContext, actorOf, afterCommit, apiUrl, createRoute, defineRoute, getDb, getTenant, getUser, type PluginContext, problemResponses } from 'atoll/plugin';
import type { ChatConfig } from '../config';
import { createSession } from '../services/create-session';
import { deleteSession } from '../services/delete-session';
import { getSession } from '../services/get-session';
import { listMessages } from '../services/list-messages';
import { listSessions } from '../services/list-sessions';
import { sessionObject } from '../services/session-rpc';
import { renameSession } from '../services/update-session';
import { json, jsonBody, ListQuery } from './schemas';
import { CreateSessionBody, MessagePageSchema, presentMessage, presentSession, SessionPageSchema, SessionParams, SessionSchema, UpdateSessionBody } from './session-schemas';

const tenantHeader = problemResponses(401, 403, 404);

const create = createRoute({
  method: 'post',
  path: '/chat/sessions',
  operationId: 'chat.createSession',
  summary: 'Start a chat session of your own, with an assistant of the tenant (default: the default one)',
  request: jsonBody(CreateSessionBody),
  responses: { 201: json(SessionSchema, 'The new session'), ...tenantHeader, ...problemResponses(400) },
});

const list = createRoute({
  method: 'get',
  path: '/chat/sessions',
  operationId: 'chat.listSessions',
  summary: 'Your chat sessions in the tenant, the most recently used first',
  request: { query: ListQuery },
  responses: { 200: json(SessionPageSchema, 'A page of sessions'), ...tenantHeader, ...problemResponses(400) },
});

const get = createRoute({
  method: 'get',
  path: '/chat/sessions/{sessionId}',
  operationId: 'chat.getSession',
  summary: 'One of your chat sessions (anyone else’s is 404)',
  request: { params: SessionParams },
  responses: { 200: json(SessionSchema, 'The session'), ...tenantHeader },
});

const rename = createRoute({
  method: 'patch',
  path: '/chat/sessions/{sessionId}',
  operationId: 'chat.renameSession',
  summary: 'Rename one of your chat sessions',
  request: { params: SessionParams, ...jsonBody(UpdateSessionBody) },
  responses: { 200: json(SessionSchema, 'The session'), ...tenantHeader, ...problemResponses(400) },
});

const remove = createRoute({
  method: 'delete',
  path: '/chat/sessions/{sessionId}',
  operationId: 'chat.deleteSession',
  summary: 'Delete one of your chat sessions with its messages, runs and tool calls',
  request: { params: SessionParams },
  responses: { 204: { description: 'Deleted' }, ...tenantHeader },
});

const history = createRoute({
  method: 'get',
  path: '/chat/sessions/{sessionId}/messages',
  operationId: 'chat.listMessages',
  summary: "A session's stored messages in order, each tool_use block with its stored call and whole result",
  request: { params: SessionParams, query: ListQuery },
  responses: { 200: json(MessagePageSchema, 'A page of messages'), ...tenantHeader, ...problemResponses(400) },
});

// A session is private to its user: every service call names the caller, whatever their role.
const own = (c: AppContext) => ({ tenantId: getTenant(c).id, userId: getUser(c).userId });
const viewer = { access: { tenantRole: 'viewer' } } as const;

/** The caller's own chat sessions and their stored history. Users only, any role. */
export const sessionRoutes = (ctx: PluginContext<ChatConfig>) => [
  defineRoute(
    create,
    async (c) => {
      const session = await createSession({ ctx: { db: getDb(c) }, input: { ...own(c), ...c.req.valid('json') } });
      return c.json(presentSession(session), 201, { location: apiUrl(`/chat/sessions/${session.id}`) });
    },
    viewer,
  ),
  defineRoute(
    list,
    async (c) => {
      const page = await listSessions({ ctx: { db: getDb(c) }, input: { ...own(c), ...c.req.valid('query') } });
      return c.json({ items: page.items.map(presentSession), nextCursor: page.nextCursor }, 200);
    },
    viewer,
  ),
  defineRoute(get, async (c) => c.json(presentSession(await getSession({ ctx: { db: getDb(c) }, input: { ...own(c), sessionId: c.req.valid('param').sessionId } })), 200), viewer),
  defineRoute(
    rename,
    async (c) => {
      const input = { ...own(c), sessionId: c.req.valid('param').sessionId, title: c.req.valid('json').title };
      return c.json(presentSession(await renameSession({ ctx: { db: getDb(c) }, input })), 200);
    },
    viewer,
  ),
  defineRoute(
    remove,
    async (c) => {
      const { sessionId } = c.req.valid('param');
      const running = await deleteSession({ ctx: { db: getDb(c), actor: actorOf(getUser(c)), request: c }, input: { ...own(c), sessionId } });
      // Its object would otherwise go on answering into rows that are gone.
      const sessions = ctx.config.sessions;
      if (sessions && running.length > 0) await afterCommit(c, async () => void (await Promise.all(running.map((id) => sessionObject(sessions, sessionId).cancel(id)))));
      return c.body(null, 204);
    },
    viewer,
  ),
  defineRoute(
    history,
    async (c) => {
      const page = await listMessages({ ctx: { db: getDb(c) }, input: { ...own(c), sessionId: c.req.valid('param').sessionId, ...c.req.valid('query') } });
      return c.json({ items: page.items.map(presentMessage), nextCursor: page.nextCursor }, 200);
    },
    viewer,
  ),
];
