import { apiUrl, createRoute, defineRoute, problemResponses, type RouteRateLimit } from 'atoll/plugin';
import type { AuthState } from '../context';
import { registerUser } from '../services/users';
import { depsOf } from './deps';
import { json, jsonBody, RegisterBodySchema, UserSchema } from './schemas';

const route = createRoute({
  method: 'post',
  path: '/auth/register',
  operationId: 'auth.registerUser',
  summary: 'Create an account (email, password of 10-256 characters, optional name)',
  request: jsonBody(RegisterBodySchema),
  responses: { 201: { description: 'The new account', ...json(UserSchema) }, ...problemResponses(400, 403, 409, 429) },
});

/**
 * Accounts cost nothing to make, so their creation is tight per client address: 10 an hour, shared
 * with the registration page (`RATE_LIMIT_WRITES` entry `auth.register` to change it).
 */
export const REGISTRATION_RATE_LIMIT: RouteRateLimit = { group: 'auth.register', address: 10, windowSeconds: 3600 };

export const registerRoute = (state: AuthState) =>
  defineRoute(
    route,
    async (c) => {
      const user = await registerUser({ ctx: depsOf(c, state), input: c.req.valid('json') });
      // The account's URL is the caller's own: /auth/me once signed in.
      return c.json(user, 201, { location: apiUrl('/auth/me') });
    },
    { access: 'public', rateLimit: REGISTRATION_RATE_LIMIT },
  );
