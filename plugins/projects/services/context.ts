import type { AppContext, Database, Principal } from 'atoll/plugin';

/** Who performs a change, as the audit log records it. */
export interface Actor {
  type: 'user' | 'api_key' | 'system';
  id: string | null;
}

/** What every service gets: the database, the actor, and the request (for the audit row's request id). */
export interface ServiceContext {
  db: Database;
  actor: Actor;
  request?: AppContext | undefined;
}

export const actorOf = (principal: Principal | undefined): Actor =>
  !principal ? { type: 'system', id: null } : principal.kind === 'user' ? { type: 'user', id: principal.userId } : { type: 'api_key', id: principal.keyId };
