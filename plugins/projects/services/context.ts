import type { AppContext, Database } from 'atoll/plugin';
import type { Actor } from 'atoll/plugin';
export { actorOf, type Actor } from 'atoll/plugin';

/** What every service gets: the database, the actor, and the request (for the audit row's request id). */
export interface ServiceContext {
  db: Database;
  actor: Actor;
  request?: AppContext | undefined;
}
