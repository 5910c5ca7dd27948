import type { Actor, AppContext, Database } from 'atoll/plugin';

export { type Actor, actorOf } from 'atoll/plugin';

/** What every service gets: the database, the actor, and the request (for the audit row's request id). */
export interface ServiceContext {
  db: Database;
  actor: Actor;
  request?: AppContext;
}
