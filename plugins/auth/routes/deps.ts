import { getDb } from 'atoll/plugin';
import type { Context } from 'hono';
import type { AuthState } from '../context';

/** What a route hands its services: the request's database, the auth runtime and config, the context. */
export const depsOf = (c: Context, state: AuthState) => {
  const auth = state.runtime;
  return { db: getDb(c), auth, config: auth.config, c };
};
