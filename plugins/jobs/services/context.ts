import type { Database, Principal } from 'atoll/plugin';
import type { JobsDeps } from '../deps';

/** Who acts: a user or an API key (job owners, event actors). */
export interface Caller {
  kind: 'user' | 'api_key';
  id: string;
  /** Tenant admins (and admin keys) see and manage every job of the tenant; others only their own. */
  isAdmin: boolean;
  /** An API key's scopes (users: none; their role decides). */
  scopes?: readonly string[];
}

/** What the jobs services get: the request's database and the plugin's dependencies. */
export interface JobsServiceContext extends JobsDeps {
  db: Database;
}

/** The caller of a tenant route, from its principal and its role in the tenant. */
export function callerOf(principal: Principal | undefined, role: string | undefined): Caller {
  if (!principal) throw new Error('jobs routes need an authenticated caller');
  const isAdmin = role === 'admin' || role === 'owner';
  return principal.kind === 'user' ? { kind: 'user', id: principal.userId, isAdmin } : { kind: 'api_key', id: principal.keyId, isAdmin, scopes: principal.scopes };
}
