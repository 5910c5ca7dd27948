import { commitNow, limitExceeded, type Database } from 'atoll/plugin';
import type { Context } from 'hono';
import { inArray, sql } from 'drizzle-orm';
import { authLoginAttempts } from '../db/schema';
import { AuthErrorCode } from '../errors';

/** Failed sign-ins allowed per account and per IP within the window. */
export const MAX_FAILURES = 5;
export const WINDOW_SECONDS = 15 * 60;

/**
 * The client address Cloudflare vouches for (`cf-connecting-ip`). Other headers such as
 * `x-forwarded-for` are set by the client and would let it dodge the per-IP limit, so without this
 * one only the per-account limit applies.
 */
export function clientIp(c: Context): string | undefined {
  const ip = c.req.header('cf-connecting-ip')?.trim();
  return ip && ip.length <= 64 ? ip.toLowerCase() : undefined;
}

export const throttleKeys = (email: string, ip: string | undefined) => [`account:${email}`, ...(ip ? [`ip:${ip}`] : [])];

/**
 * Refuses with 429 when any key has `MAX_FAILURES` failures in the window. `Retry-After` is when
 * enough of them leave the window for one more try (the oldest counted failure, with exactly five).
 */
export async function assertNotThrottled({ ctx, input }: { ctx: { db: Database }; input: { keys: string[] } }) {
  const result = await ctx.db.execute(sql`
    select ceil(extract(epoch from (attempted_at + make_interval(secs => ${WINDOW_SECONDS}) - now())))::int as retry_after
    from (
      select attempted_at, row_number() over (partition by key order by attempted_at desc) as n
      from ${authLoginAttempts}
      where key in (${sql.join(input.keys.map((k) => sql`${k}`), sql`, `)})
        and attempted_at > now() - make_interval(secs => ${WINDOW_SECONDS})
    ) recent
    where n = ${MAX_FAILURES}`);
  const waits = (result.rows as { retry_after: number }[]).map((r) => Math.max(1, Number(r.retry_after)));
  if (waits.length > 0) {
    throw limitExceeded(AuthErrorCode.TOO_MANY_ATTEMPTS, 'Too many failed sign-in attempts; try again later', Math.max(...waits));
  }
}

/**
 * Takes an attempt before the password is checked: under a per-key advisory lock, refuses with 429
 * when a key is at its limit, else records the attempt as a failure. Concurrent guesses therefore
 * queue on the lock and each sees the ones before it. Returns the ids of the recorded rows, which
 * `settleAttempt` removes when the password turns out right.
 */
export async function reserveAttempt({ ctx, input }: { ctx: { db: Database; c: Context }; input: { keys: string[] } }): Promise<string[]> {
  const ids = await ctx.db.transaction(async (tx) => {
    for (const key of [...input.keys].sort()) await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${key}))`);
    await assertNotThrottled({ ctx: { db: tx as unknown as Database }, input });
    const rows = await tx.insert(authLoginAttempts).values(input.keys.map((key) => ({ key }))).returning({ id: authLoginAttempts.id });
    await tx
      .delete(authLoginAttempts)
      .where(sql`${inArray(authLoginAttempts.key, input.keys)} and ${authLoginAttempts.attemptedAt} < now() - make_interval(secs => ${WINDOW_SECONDS})`);
    return rows.map((r) => r.id);
  });
  // The attempt counts, and its locks are released, before the slow password check: whatever the
  // answer, a failed guess stays recorded and concurrent guesses do not wait for PBKDF2.
  await commitNow(ctx.c);
  return ids;
}

/** The password was right: drop this attempt's rows and the account's earlier failures (not the IP's). */
export async function settleAttempt({ ctx, input }: { ctx: { db: Database }; input: { attemptIds: string[]; email: string } }) {
  await ctx.db
    .delete(authLoginAttempts)
    .where(sql`${inArray(authLoginAttempts.id, input.attemptIds)} or ${authLoginAttempts.key} = ${`account:${input.email}`}`);
}
