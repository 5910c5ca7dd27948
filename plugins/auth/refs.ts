import { createExtensionPoint, createServiceRef, type Database, type Principal } from 'atoll/plugin';
import type { Context } from 'hono';

/** Verifies bearer tokens that start with `prefix` (e.g. the tenants plugin's `atk_` API keys). */
export interface CredentialVerifier {
  prefix: string;
  /** `null` when the token is not valid (the caller gets 401). */
  verify(c: Context, token: string): Promise<Principal | null>;
}

export interface AuthCredentialsExtension {
  addVerifier(verifier: CredentialVerifier): void;
}

export interface SignInEvent {
  db: Database;
  userId: string;
  c: Context;
}

export interface AuthEventsExtension {
  /** Called after every successful sign-in (API and page). */
  onSignIn(listener: (e: SignInEvent) => Promise<void>): void;
}

export interface UserSummary {
  id: string;
  email: string;
  name: string | null;
}

export interface UsersService {
  findUserByEmail(db: Database, email: string): Promise<UserSummary | null>;
  getUsers(db: Database, ids: string[]): Promise<UserSummary[]>;
}

/**
 * Other credential kinds for `Authorization: Bearer`, claimed by prefix.
 *
 * @example
 * ctx.extensionPoint(authCredentialsExtension).addVerifier({ prefix: 'atk_', verify: verifyApiKey });
 */
export const authCredentialsExtension = createExtensionPoint<AuthCredentialsExtension>({ id: 'auth.credentials' });

/**
 * Sign-in events.
 *
 * @example
 * ctx.extensionPoint(authEventsExtension).onSignIn(async ({ db, userId, c }) => recordAudit(db, { ... }, c));
 */
export const authEventsExtension = createExtensionPoint<AuthEventsExtension>({ id: 'auth.events' });

/** Looks users up by email or id (no password data). */
export const usersServiceRef = createServiceRef<UsersService>({ id: 'auth.users' });
