import type { Database } from 'atoll/plugin';

/** What the tenants plugin needs from the auth plugin's `auth.users` service. */
export interface UsersLookup {
  findUserByEmail(db: Database, email: string): Promise<{ id: string; email: string; name: string | null } | null>;
  getUsers(db: Database, ids: string[]): Promise<{ id: string; email: string; name: string | null }[]>;
}
