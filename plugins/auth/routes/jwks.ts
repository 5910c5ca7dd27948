import { createRoute, defineRoute, z } from 'atoll/plugin';
import type { AuthState } from '../context';

const JwksSchema = z.object({ keys: z.array(z.object({ kty: z.string(), crv: z.string(), x: z.string(), y: z.string(), kid: z.string(), alg: z.string(), use: z.string() })) }).openapi('AuthJwks');

const route = createRoute({
  method: 'get',
  path: '/.well-known/jwks.json',
  operationId: 'auth.getJwks',
  summary: 'Public keys that verify Atoll access tokens (current and previous, for rotation)',
  responses: { 200: { description: 'JSON Web Key Set', content: { 'application/json': { schema: JwksSchema } } } },
});

export const jwksRoute = (state: AuthState) =>
  defineRoute(
    route,
    (c) => {
      c.header('cache-control', 'public, max-age=300');
      // Only public members, whatever was configured.
      const keys = state.runtime.publicJwks.map(({ kty, crv, x, y, kid, alg, use }) => ({ kty: kty!, crv: crv!, x: x!, y: y!, kid: kid!, alg: alg!, use: use! }));
      return c.json({ keys }, 200);
    },
    { access: 'public', mountAtRoot: true },
  );
