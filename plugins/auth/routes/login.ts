import { createRoute, defineRoute, problemResponses } from 'atoll/plugin';
import type { AuthRuntime, AuthState } from '../context';
import { assertTokensConfigured, issueAccessToken } from '../services/access-token';
import { signInWithPassword } from '../services/sign-in';
import { depsOf } from './deps';
import { json, jsonBody, LoginBodySchema, TokenPairSchema } from './schemas';

const route = createRoute({
  method: 'post',
  path: '/auth/login',
  operationId: 'auth.login',
  summary: 'Sign in: an ES256 access token and an opaque refresh token',
  request: jsonBody(LoginBodySchema),
  responses: { 200: { description: 'Tokens', ...json(TokenPairSchema) }, ...problemResponses(400, 401, 429, 503) },
});

/** The token response for a session just started or rotated. */
export async function tokenPair(ctx: { auth: AuthRuntime }, session: { userId: string; sessionId: string; token: string }) {
  const access = await issueAccessToken({ ctx, input: session });
  return { accessToken: access.accessToken, refreshToken: session.token, tokenType: 'Bearer' as const, expiresIn: access.expiresIn };
}

export const loginRoute = (state: AuthState) =>
  defineRoute(
    route,
    async (c) => {
      const ctx = depsOf(c, state);
      assertTokensConfigured(ctx.auth);
      const session = await signInWithPassword({ ctx, input: { ...c.req.valid('json'), kind: 'api' } });
      c.header('cache-control', 'no-store');
      return c.json(await tokenPair(ctx, session), 200);
    },
    { access: 'public' },
  );
