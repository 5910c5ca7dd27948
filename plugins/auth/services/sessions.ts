import { AtollError, commitNow, type Database } from 'atoll/plugin';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Context } from 'hono';
import { authSessions, authUsers } from '../db/schema';
import { AuthErrorCode } from '../errors';
import { randomToken, sha256Hex } from './encoding';

export type SessionKind = 'api' | 'browser';
const USER_AGENT_MAX = 200;

const truncate = (ua: string | undefined) => (ua ? ua.slice(0, USER_AGENT_MAX) : null);
const expiry = (ttlSeconds: number) => new Date(Date.now() + ttlSeconds * 1000);

/** A row is live while it is neither rotated nor revoked nor expired. */
const live = () => and(isNull(authSessions.rotatedAt), isNull(authSessions.revokedAt), sql`${authSessions.expiresAt} > now()`);

/** Starts a session family; returns the opaque token (only its hash is stored) and the session id. */
export async function createSession({ ctx, input }: { ctx: { db: Database }; input: { userId: string; kind: SessionKind; userAgent?: string; ttlSeconds: number } }) {
  const token = randomToken();
  const id = crypto.randomUUID();
  await ctx.db.insert(authSessions).values({
    id,
    familyId: id,
    userId: input.userId,
    tokenHash: await sha256Hex(token),
    kind: input.kind,
    userAgent: truncate(input.userAgent),
    // Millisecond precision, like the list cursor that carries it.
    createdAt: new Date(),
    expiresAt: expiry(input.ttlSeconds),
  });
  return { token, sessionId: id };
}

const invalidRefresh = () => new AtollError('unauthorized', AuthErrorCode.INVALID_REFRESH_TOKEN, 'The refresh token is invalid, expired or revoked');

/**
 * Exchanges a refresh token for a new one in the same family and marks the old one rotated.
 * A rotated token presented again means it leaked: the whole family is revoked (RFC 9700 §4.14).
 */
export async function rotateRefreshToken({ ctx, input }: { ctx: { db: Database; c: Context }; input: { refreshToken: string; userAgent?: string; ttlSeconds: number } }) {
  const hash = await sha256Hex(input.refreshToken);
  const rotated = await ctx.db.transaction(async (tx) => {
    const [old] = await tx
      .update(authSessions)
      .set({ rotatedAt: sql`now()`, lastUsedAt: sql`now()` })
      .where(and(eq(authSessions.tokenHash, hash), eq(authSessions.kind, 'api'), live()))
      .returning({ userId: authSessions.userId, familyId: authSessions.familyId, createdAt: authSessions.createdAt });
    if (!old) return null;
    const token = randomToken();
    await tx.insert(authSessions).values({
      id: crypto.randomUUID(),
      familyId: old.familyId,
      userId: old.userId,
      tokenHash: await sha256Hex(token),
      kind: 'api',
      userAgent: truncate(input.userAgent),
      createdAt: old.createdAt, // the session began when the family did
      expiresAt: expiry(input.ttlSeconds),
    });
    return { token, userId: old.userId, sessionId: old.familyId };
  });
  if (rotated) return rotated;

  const [reused] = await ctx.db
    .select({ familyId: authSessions.familyId })
    .from(authSessions)
    .where(and(eq(authSessions.tokenHash, hash), eq(authSessions.kind, 'api'), sql`${authSessions.rotatedAt} is not null`, isNull(authSessions.revokedAt)));
  if (reused) {
    await revokeFamily(ctx.db, reused.familyId);
    await commitNow(ctx.c); // the revocation stands although the answer is an error
  }
  throw invalidRefresh();
}

async function revokeFamily(db: Database, familyId: string, userId?: string): Promise<number> {
  const rows = await db
    .update(authSessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(authSessions.familyId, familyId), isNull(authSessions.revokedAt), userId ? eq(authSessions.userId, userId) : undefined))
    .returning({ id: authSessions.id });
  return rows.length;
}

/** Ends one of the user's own sessions; false when it is not theirs or already ended. */
export async function revokeSession({ ctx, input }: { ctx: { db: Database }; input: { userId: string; sessionId: string } }): Promise<boolean> {
  return (await revokeFamily(ctx.db, input.sessionId, input.userId)) > 0;
}

/** Ends every session of the user, except `exceptSessionId` when given. */
export async function revokeAllSessions({ ctx, input }: { ctx: { db: Database }; input: { userId: string; exceptSessionId?: string } }) {
  await ctx.db
    .update(authSessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(authSessions.userId, input.userId), isNull(authSessions.revokedAt), input.exceptSessionId ? sql`${authSessions.familyId} <> ${input.exceptSessionId}` : undefined));
}

const sessionUser = {
  sessionId: authSessions.familyId,
  userId: authUsers.id,
  email: authUsers.email,
  platformAdmin: authUsers.platformAdmin,
  preferences: authUsers.preferences,
  lastUsedAt: authSessions.lastUsedAt,
};

/** The live session behind an access token's `sid`, with its user: one indexed lookup. */
export async function findLiveSession(db: Database, input: { sessionId: string; userId: string }) {
  const [row] = await db
    .select(sessionUser)
    .from(authSessions)
    .innerJoin(authUsers, eq(authUsers.id, authSessions.userId))
    .where(and(eq(authSessions.familyId, input.sessionId), eq(authSessions.userId, input.userId), live()))
    .limit(1);
  return row ?? null;
}

/** The live browser session for a cookie token, with its user. */
export async function findBrowserSession(db: Database, token: string) {
  const [row] = await db
    .select(sessionUser)
    .from(authSessions)
    .innerJoin(authUsers, eq(authUsers.id, authSessions.userId))
    .where(and(eq(authSessions.tokenHash, await sha256Hex(token)), eq(authSessions.kind, 'browser'), live()))
    .limit(1);
  return row ?? null;
}

/** Records use of a browser session at most every few minutes (not a write per request). */
export async function touchSession(db: Database, sessionId: string, lastUsedAt: Date) {
  if (Date.now() - lastUsedAt.getTime() < 5 * 60_000) return;
  await db.update(authSessions).set({ lastUsedAt: sql`now()` }).where(eq(authSessions.id, sessionId));
}
