import { createRoute, defineRoute, getUser, notFound, problemResponses, z } from 'atoll/plugin';
import type { AuthState } from '../context';
import { AuthErrorCode } from '../errors';
import { listSessions } from '../services/list-sessions';
import { revokeSession } from '../services/sessions';
import { depsOf } from './deps';
import { json, SessionPageSchema } from './schemas';

const list = createRoute({
  method: 'get',
  path: '/auth/sessions',
  operationId: 'auth.listSessions',
  summary: "The caller's own active sessions, newest first",
  request: {
    query: z.object({
      limit: z.coerce.number().int().min(1).max(100).default(20),
      cursor: z.string().max(200).optional(),
    }),
  },
  responses: { 200: { description: 'A page of sessions', ...json(SessionPageSchema) }, ...problemResponses(400, 401, 403) },
});

const end = createRoute({
  method: 'delete',
  path: '/auth/sessions/{id}',
  operationId: 'auth.endSession',
  summary: "End one of the caller's own sessions",
  request: { params: z.object({ id: z.uuid() }) },
  responses: { 204: { description: 'Ended' }, ...problemResponses(401, 403, 404) },
});

export const sessionRoutes = (state: AuthState) => [
  defineRoute(list, async (c) => {
    const user = getUser(c);
    const { limit, cursor } = c.req.valid('query');
    const page = await listSessions({ ctx: depsOf(c, state), input: { userId: user.userId, currentSessionId: user.sessionId, limit, cursor } });
    return c.json(page, 200);
  }),
  defineRoute(end, async (c) => {
    const user = getUser(c);
    const ended = await revokeSession({ ctx: depsOf(c, state), input: { userId: user.userId, sessionId: c.req.valid('param').id } });
    // Another user's session id gets the same answer as an unknown one, and is not touched.
    if (!ended) throw notFound(AuthErrorCode.SESSION_NOT_FOUND, 'No such session');
    return c.body(null, 204);
  }),
];
