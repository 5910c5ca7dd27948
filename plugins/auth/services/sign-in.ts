import { AtollError, clientAddress, type Database } from 'atoll/plugin';
import type { Context } from 'hono';
import type { AuthRuntime } from '../context';
import { AuthErrorCode } from '../errors';
import { DUMMY_HASH, verifyPassword } from './password';
import { createSession, type SessionKind } from './sessions';
import { reserveAttempt, settleAttempt } from './throttle';
import { findCredentials } from './users';

export const invalidCredentials = () => new AtollError('unauthorized', AuthErrorCode.INVALID_CREDENTIALS, 'The email or password is incorrect');

/**
 * Signs in with email and password and starts a session of `kind`. Throttled by account and address
 * before the password is checked (services/throttle.ts); unknown accounts cost the same PBKDF2 work
 * as wrong passwords and get the same error. Tells the `auth.events` listeners.
 */
export async function signInWithPassword({ ctx, input }: { ctx: { db: Database; auth: AuthRuntime; c: Context }; input: { email: string; password: string; kind: SessionKind } }) {
  const email = input.email.trim().toLowerCase();
  const attempt = { email, address: clientAddress(ctx.c) };
  const attemptIds = await reserveAttempt({ ctx, input: attempt });
  const account = await findCredentials(ctx.db, { email });
  const matches = await verifyPassword(input.password, account?.passwordHash ?? DUMMY_HASH);
  if (!account || !matches) throw invalidCredentials();
  await settleAttempt({ ctx, input: { ...attempt, attemptIds, userId: account.id } });
  const ttlSeconds = ctx.auth.config.refreshTokenTtl;
  const session = await createSession({ ctx, input: { userId: account.id, kind: input.kind, userAgent: ctx.c.req.header('user-agent'), ttlSeconds } });
  for (const listener of ctx.auth.signInListeners) await listener({ db: ctx.db, userId: account.id, c: ctx.c });
  return { userId: account.id, email: account.email, ...session, ttlSeconds };
}
