import { commitNow, type Database, limitExceeded } from 'atoll/plugin';
import { and, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { Context } from 'hono';
import type { AuthConfig } from '../config';
import type { AuthRuntime } from '../context';
import { authLoginAttempts, authSignInAddresses, authUsers } from '../db/schema';
import { AuthErrorCode } from '../errors';

/** How long an address stays familiar to an account after a sign-in from it. */
export const FAMILIAR_DAYS = 30;

type Policy = Pick<AuthConfig, 'loginFreeFailures' | 'loginMaxDelaySeconds' | 'loginWindowSeconds' | 'loginAddressFailures'>;
type ThrottleCtx = { db: Database; c: Context; auth: Pick<AuthRuntime, 'config' | 'now'> };

/** Who is trying: the account's email and the client's address (`clientAddress`), when known. */
export interface SignInAttempt {
  email: string;
  address: string | undefined;
}

const keysOf = ({ email, address }: SignInAttempt) => ({
  account: `account:${email}`,
  pair: address === undefined ? undefined : `pair:${address} ${email}`,
  address: address === undefined ? undefined : `ip:${address}`,
});

/** Seconds to wait after `failures` recent failures: none for the free ones, then 1, 2, 4 … up to the cap. */
export const delayAfter = (failures: number, policy: Policy) => (failures < policy.loginFreeFailures ? 0 : Math.min(2 ** (failures - policy.loginFreeFailures), policy.loginMaxDelaySeconds));

interface KeyState {
  key: string;
  failures: number;
  last_at: string;
  budget_at: string | null;
}

/**
 * The wait, in ms, before this attempt may be checked:
 * - the account and address together: a delay growing with that pair's failures (capped);
 * - the account: a delay growing with all its failures (capped), skipped from a familiar address;
 * - the address: a failure budget across accounts (`AUTH_LOGIN_ADDRESS_FAILURES` per window),
 *   skipped from an address familiar to this account.
 * A delay is counted from the latest failure, so it is never longer than the cap.
 */
function waitMs(states: KeyState[], familiar: boolean, attempt: SignInAttempt, policy: Policy, now: number): number {
  const keys = keysOf(attempt);
  const state = (key: string | undefined) => states.find((s) => s.key === key);
  const delayed = (s: KeyState | undefined) => (s ? Date.parse(s.last_at) + delayAfter(s.failures, policy) * 1000 - now : 0);
  const waits = [delayed(state(keys.pair))];
  if (!familiar) {
    waits.push(delayed(state(keys.account)));
    const address = state(keys.address);
    if (address?.budget_at) waits.push(Date.parse(address.budget_at) + policy.loginWindowSeconds * 1000 - now);
  }
  return Math.max(0, ...waits);
}

/**
 * Takes an attempt before the password is checked: under per-key advisory locks, refuses with 429
 * and `Retry-After` while a wait is due (see `waitMs`), else records the attempt as a failure of
 * each key. Concurrent guesses therefore queue on the locks and each sees the ones before it.
 * Returns the ids of the recorded rows, which `settleAttempt` removes when the password is right.
 */
export async function reserveAttempt({ ctx, input }: { ctx: ThrottleCtx; input: SignInAttempt }): Promise<string[]> {
  const policy = ctx.auth.config;
  const now = ctx.auth.now?.() ?? new Date();
  const since = new Date(now.getTime() - policy.loginWindowSeconds * 1000).toISOString();
  const familiarSince = new Date(now.getTime() - FAMILIAR_DAYS * 86_400_000).toISOString();
  const keys = Object.values(keysOf(input)).filter((k): k is string => k !== undefined);
  const list = sql.join(
    keys.map((k) => sql`${k}`),
    sql`, `,
  );
  const ids = await ctx.db.transaction(async (tx) => {
    // In key order (`offset 0` keeps the sort below the locking), so concurrent attempts cannot deadlock.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(k)) from (select k from unnest(array[${list}]::text[]) k order by k offset 0) keys`);
    const [row] = (
      await tx.execute(sql`
        select
          exists (
            select 1 from ${authSignInAddresses} a join ${authUsers} u on u.id = a.user_id
            where u.email = ${input.email} and a.address = ${input.address ?? null} and a.last_success_at > ${familiarSince}::timestamptz
          ) as familiar,
          coalesce((
            select json_agg(k) from (
              select key, count(*)::int as failures, max(attempted_at) as last_at,
                     (array_agg(attempted_at order by attempted_at desc))[${policy.loginAddressFailures}] as budget_at
              from ${authLoginAttempts}
              where key in (${list}) and attempted_at > ${since}::timestamptz
              group by key
            ) k
          ), '[]'::json) as keys`)
    ).rows as { familiar: boolean; keys: KeyState[] }[];
    const wait = waitMs(row!.keys, row!.familiar, input, policy, now.getTime());
    if (wait > 0) throw limitExceeded(AuthErrorCode.TOO_MANY_ATTEMPTS, `Too many failed sign-in attempts; try again in ${Math.ceil(wait / 1000)} s`, Math.ceil(wait / 1000));
    const rows = await tx
      .insert(authLoginAttempts)
      .values(keys.map((key) => ({ key, attemptedAt: now })))
      .returning({ id: authLoginAttempts.id });
    await tx.delete(authLoginAttempts).where(and(inArray(authLoginAttempts.key, keys), lt(authLoginAttempts.attemptedAt, new Date(since))));
    return rows.map((r) => r.id);
  });
  // The attempt counts, and its locks are released, before the slow password check: whatever the
  // answer, a failed guess stays recorded and concurrent guesses do not wait for PBKDF2.
  await commitNow(ctx.c);
  return ids;
}

/**
 * The password was right: drop this attempt's rows and the failures of this account from this
 * address (the owner's own typos), and remember the address as familiar to the account. Failures
 * from elsewhere stay: someone else's guessing goes on costing them their delay.
 */
export async function settleAttempt({ ctx, input }: { ctx: Omit<ThrottleCtx, 'c'>; input: SignInAttempt & { attemptIds: string[]; userId: string } }) {
  const now = ctx.auth.now?.() ?? new Date();
  const { pair } = keysOf(input);
  await ctx.db.delete(authLoginAttempts).where(or(inArray(authLoginAttempts.id, input.attemptIds), pair ? eq(authLoginAttempts.key, pair) : undefined));
  if (input.address === undefined) return;
  await ctx.db
    .insert(authSignInAddresses)
    .values({ userId: input.userId, address: input.address, lastSuccessAt: now })
    .onConflictDoUpdate({ target: [authSignInAddresses.userId, authSignInAddresses.address], set: { lastSuccessAt: now } });
  const stale = new Date(now.getTime() - FAMILIAR_DAYS * 86_400_000);
  await ctx.db.delete(authSignInAddresses).where(and(eq(authSignInAddresses.userId, input.userId), lt(authSignInAddresses.lastSuccessAt, stale)));
}
