import { createRoute, defineRoute, problemResponses } from 'atoll/plugin';
import type { AuthState } from '../context';
import { assertTokensConfigured } from '../services/access-token';
import { rotateRefreshToken } from '../services/sessions';
import { depsOf } from './deps';
import { tokenPair } from './login';
import { json, jsonBody, RefreshBodySchema, TokenPairSchema } from './schemas';

const route = createRoute({
  method: 'post',
  path: '/auth/refresh',
  operationId: 'auth.refreshTokens',
  summary: 'Exchange a refresh token for new tokens (rotation; reuse of an old token ends the session)',
  request: jsonBody(RefreshBodySchema),
  responses: { 200: { description: 'New tokens', ...json(TokenPairSchema) }, ...problemResponses(400, 401, 503) },
});

export const refreshRoute = (state: AuthState) =>
  defineRoute(
    route,
    async (c) => {
      const ctx = depsOf(c, state);
      assertTokensConfigured(ctx.auth); // before the old token is spent
      const { refreshToken } = c.req.valid('json');
      const session = await rotateRefreshToken({ ctx, input: { refreshToken, userAgent: c.req.header('user-agent'), ttlSeconds: ctx.config.refreshTokenTtl } });
      c.header('cache-control', 'no-store');
      return c.json(await tokenPair(ctx, session), 200);
    },
    { access: 'public' },
  );
