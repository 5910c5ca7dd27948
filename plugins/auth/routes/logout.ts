import { createRoute, defineRoute, getUser, problemResponses } from 'atoll/plugin';
import type { AuthState } from '../context';
import { clearSessionCookies } from '../services/cookies';
import { revokeAllSessions, revokeSession } from '../services/sessions';
import { depsOf } from './deps';

const logout = createRoute({
  method: 'post',
  path: '/auth/logout',
  operationId: 'auth.logout',
  summary: 'End the current session (its access and refresh tokens, or the browser cookie)',
  responses: { 204: { description: 'Signed out' }, ...problemResponses(401, 403) },
});

const logoutAll = createRoute({
  method: 'post',
  path: '/auth/logout-all',
  operationId: 'auth.logoutAll',
  summary: "End every one of the caller's sessions",
  responses: { 204: { description: 'Signed out everywhere' }, ...problemResponses(401, 403) },
});

export const logoutRoutes = (state: AuthState) => [
  defineRoute(logout, async (c) => {
    const user = getUser(c);
    if (user.sessionId) await revokeSession({ ctx: depsOf(c, state), input: { userId: user.userId, sessionId: user.sessionId } });
    if (user.via === 'cookie') clearSessionCookies(c);
    return c.body(null, 204);
  }),
  defineRoute(logoutAll, async (c) => {
    const user = getUser(c);
    await revokeAllSessions({ ctx: depsOf(c, state), input: { userId: user.userId } });
    if (user.via === 'cookie') clearSessionCookies(c);
    return c.body(null, 204);
  }),
];
