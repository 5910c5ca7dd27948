import { clientAddress, type Database, validationFailed } from 'atoll/plugin';
import { eq, sql } from 'drizzle-orm';
import type { Context } from 'hono';
import type { AuthRuntime } from '../context';
import { authUsers } from '../db/schema';
import { AuthErrorCode } from '../errors';
import { hashPassword, verifyPassword } from './password';
import { assertPasswordPolicy } from './password-policy';
import { revokeAllSessions } from './sessions';
import { reserveAttempt, settleAttempt } from './throttle';
import { findCredentials } from './users';

/**
 * Changes the password after checking the current one (throttled like sign-in, so a stolen token
 * cannot guess it), and ends every other session of the user.
 */
export async function changePassword({
  ctx,
  input,
}: {
  ctx: { db: Database; c: Context; auth: AuthRuntime };
  input: { userId: string; sessionId?: string; currentPassword: string; newPassword: string };
}) {
  const account = await findCredentials(ctx.db, { userId: input.userId });
  if (!account) throw validationFailed(AuthErrorCode.WRONG_PASSWORD, 'The current password is incorrect', [{ location: 'body', path: 'currentPassword', message: 'Incorrect' }]);
  const attempt = { email: account.email, address: clientAddress(ctx.c) };
  const attemptIds = await reserveAttempt({ ctx, input: attempt });
  if (!(await verifyPassword(input.currentPassword, account.passwordHash))) {
    throw validationFailed(AuthErrorCode.WRONG_PASSWORD, 'The current password is incorrect', [{ location: 'body', path: 'currentPassword', message: 'Incorrect' }]);
  }
  await settleAttempt({ ctx, input: { ...attempt, attemptIds, userId: input.userId } });
  assertPasswordPolicy(input.newPassword, account.email, 'newPassword');
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.transaction(async (tx) => {
    await tx.update(authUsers).set({ passwordHash, updatedAt: sql`now()` }).where(eq(authUsers.id, input.userId));
    const except = input.sessionId ? { exceptSessionId: input.sessionId } : {};
    await revokeAllSessions({ ctx: { db: tx as unknown as Database }, input: { userId: input.userId, ...except } });
  });
}
