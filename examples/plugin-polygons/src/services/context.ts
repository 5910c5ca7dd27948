import { type Actor, type AppContext, type Database, roleAtLeast, type TenantRole } from 'atoll/plugin';

/** What every writing service gets: the database, who acts and with which role, and the request (for the audit row). */
export interface ServiceContext {
  db: Database;
  actor: Actor;
  role: TenantRole;
  request?: AppContext | undefined;
}

/** Owner-or-admin: the row's creator (the same user or API key) or a tenant admin or owner may change it. */
export const mayChange = (ctx: Pick<ServiceContext, 'actor' | 'role'>, createdBy: string): boolean => roleAtLeast(ctx.role, 'admin') || (ctx.actor.id !== null && ctx.actor.id === createdBy);

/** The creator recorded on a new row: the user id or API key id that acts. */
export function creatorOf(actor: Actor): string {
  if (actor.id === null) throw new Error('polygons: a row needs a creator, and the system has none');
  return actor.id;
}
