import { createRoute, defineRoute, problemResponses } from 'atoll/plugin';
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
  responses: { 201: { description: 'The new account', ...json(UserSchema) }, ...problemResponses(400, 403, 409) },
});

export const registerRoute = (state: AuthState) =>
  defineRoute(
    route,
    async (c) => {
      const user = await registerUser({ ctx: depsOf(c, state), input: c.req.valid('json') });
      return c.json(user, 201);
    },
    { access: 'public' },
  );
