import { limitExceeded, type Database } from 'atoll/plugin';
import type { Context } from 'hono';
import { inArray, sql } from 'drizzle-orm';
import { authLoginAttempts } from '../db/schema';
import { AuthErrorCode } from '../errors';

/** Failed sign-ins allowed per account and per IP within the window. */
export const MAX_FAILURES = 5;
export const WINDOW_SECONDS = 15 * 60;

/** The client address: Cloudflare's `cf-connecting-ip`, else the first `x-forwarded-for` hop. */
export function clientIp(c: Context): string | undefined {
  const ip = c.req.header('cf-connecting-ip')?.trim() || c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
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

/** Counts a failure against every key, and forgets their failures that left the window. */
export async function recordFailedLogin({ ctx, input }: { ctx: { db: Database }; input: { keys: string[] } }) {
  await ctx.db.insert(authLoginAttempts).values(input.keys.map((key) => ({ key })));
  await ctx.db
    .delete(authLoginAttempts)
    .where(sql`${inArray(authLoginAttempts.key, input.keys)} and ${authLoginAttempts.attemptedAt} < now() - make_interval(secs => ${WINDOW_SECONDS})`);
}

/** A successful sign-in clears the account's failures (not the IP's). */
export async function clearFailedLogins({ ctx, input }: { ctx: { db: Database }; input: { email: string } }) {
  await ctx.db.delete(authLoginAttempts).where(inArray(authLoginAttempts.key, [`account:${input.email}`]));
}
