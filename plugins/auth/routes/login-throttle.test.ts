// Sign-in throttling (services/throttle.ts) through POST /api/v1/auth/login, on a clock the tests
// step: growing delays instead of a lock, and the two ways a lock was abused (an attacker keeping
// an owner out, one address keeping its many users out), while guessing stays bounded.
import { describe, expect, it, vi } from 'vitest';
import { bootApp } from '../../../test/worker/harness';
import type { AtollApp } from '../../../worker/app';
import { authPlugin } from '..';
import { type Answer, call, expectStatus, login, manualClock, PASSWORD, register, uniqueAddress, uniqueEmail } from '../test-helpers';

// Every evaluated guess costs a PBKDF2 run: some tests make dozens.
vi.setConfig({ testTimeout: 30_000 });
const clock = manualClock();
const atoll = await bootApp([authPlugin({ now: clock.now })]);
// A small per-address budget, to reach it in a test (the default is 100 failures per window).
const budgeted = await bootApp([authPlugin({ now: clock.now })], { AUTH_LOGIN_ADDRESS_FAILURES: '5' });

const attempt = (app: AtollApp, email: string, password: string, headers: Record<string, string> = {}) => call(app, 'POST', '/api/v1/auth/login', { body: { email, password }, headers });
const from = (address: string) => ({ 'cf-connecting-ip': address });
const retryAfter = (answer: Answer) => Number(answer.res.headers.get('retry-after'));

/** An attacker guessing `email` from a new address each time, waiting out each delay, until the delay is at its cap. */
async function attackUntilCapped(email: string) {
  for (let guesses = 0; guesses < 40; guesses++) {
    const answer = await attempt(atoll, email, `guess ${guesses}`, from(uniqueAddress()));
    if (answer.res.status === 401) continue;
    expectStatus(answer, 429, 'AUTH_TOO_MANY_ATTEMPTS');
    if (retryAfter(answer) === 60) return;
    clock.advance(retryAfter(answer));
  }
  throw new Error('the delay never reached its cap');
}

describe('sign-in throttling', () => {
  it('bounds guessing: after 5 failures each guess waits 1 s, then 2, 4 … never more than 60 s, right password or not', async () => {
    const user = await register(atoll);
    for (let i = 0; i < 5; i++) expectStatus(await attempt(atoll, user.email, `wrong password ${i}`), 401);
    const waits: number[] = [];
    for (let i = 0; i < 9; i++) {
      expectStatus(await attempt(atoll, user.email, 'wrong password!'), 429, 'AUTH_TOO_MANY_ATTEMPTS');
      const refused = await attempt(atoll, user.email, PASSWORD);
      expectStatus(refused, 429, 'AUTH_TOO_MANY_ATTEMPTS');
      waits.push(retryAfter(refused));
      clock.advance(retryAfter(refused));
      expectStatus(await attempt(atoll, user.email, 'wrong password!'), 401);
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);
  });

  it('refuses the 6th of guesses sent all at once', async () => {
    const user = await register(atoll);
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => attempt(atoll, user.email, `wrong password ${i}`, from(uniqueAddress()))));
    const statuses = answers.map((a) => a.res.status).sort();
    expect(
      statuses.filter((s) => s === 401),
      JSON.stringify(statuses),
    ).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
  });

  it('forgets failures older than the window (15 min), for unknown accounts too', async () => {
    const email = uniqueEmail();
    for (let i = 0; i < 5; i++) expectStatus(await attempt(atoll, email, 'wrong password!'), 401);
    expectStatus(await attempt(atoll, email, 'wrong password!'), 429, 'AUTH_TOO_MANY_ATTEMPTS');
    clock.advance(900);
    for (let i = 0; i < 5; i++) expectStatus(await attempt(atoll, email, 'wrong password!'), 401);
  });

  it('lets the owner in at once from an address they signed in from before, however an attacker fails elsewhere', async () => {
    const owner = await register(atoll);
    const home = uniqueAddress();
    await login(atoll, owner.email, PASSWORD, from(home));
    await attackUntilCapped(owner.email);
    await login(atoll, owner.email, PASSWORD, from(home));
    clock.advance(60);
    expectStatus(await attempt(atoll, owner.email, 'one more guess', from(uniqueAddress())), 401);
    expectStatus(await attempt(atoll, owner.email, 'and another', from(uniqueAddress())), 429);
    await login(atoll, owner.email, PASSWORD, from(home));
  });

  it('lets the owner in from a new address after at most the capped delay (60 s)', async () => {
    const owner = await register(atoll);
    await attackUntilCapped(owner.email);
    const refused = await attempt(atoll, owner.email, PASSWORD, from(uniqueAddress()));
    expectStatus(refused, 429, 'AUTH_TOO_MANY_ATTEMPTS');
    expect(retryAfter(refused)).toBeGreaterThan(0);
    expect(retryAfter(refused)).toBeLessThanOrEqual(60);
    clock.advance(retryAfter(refused));
    await login(atoll, owner.email, PASSWORD, from(uniqueAddress()));
  });

  it('lets many users behind one address sign in, although some of them mistype', async () => {
    const office = uniqueAddress();
    const users = await Promise.all(Array.from({ length: 6 }, () => register(atoll)));
    for (let i = 0; i < 10; i++) expectStatus(await attempt(atoll, uniqueEmail(), 'typo in the email', from(office)), 401);
    for (const user of users) {
      expectStatus(await attempt(atoll, user.email, 'typo in the password', from(office)), 401);
      await login(atoll, user.email, PASSWORD, from(office));
    }
  });

  it('refuses an address that used up its failure budget, except for accounts that signed in from it before', async () => {
    const office = uniqueAddress();
    const colleague = await register(budgeted);
    await login(budgeted, colleague.email, PASSWORD, from(office));
    for (let i = 0; i < 5; i++) expectStatus(await attempt(budgeted, uniqueEmail(), 'spraying', from(office)), 401);
    const refused = await attempt(budgeted, uniqueEmail(), 'spraying', from(office));
    expectStatus(refused, 429, 'AUTH_TOO_MANY_ATTEMPTS');
    expect(retryAfter(refused)).toBeGreaterThan(850);
    expect(retryAfter(refused)).toBeLessThanOrEqual(900);
    await login(budgeted, colleague.email, PASSWORD, from(office));
    await login(budgeted, colleague.email, PASSWORD, from(uniqueAddress()));
  });

  it('keys an IPv6 client by its /64, and never trusts x-forwarded-for', async () => {
    const net = `2001:db8:${crypto.randomUUID().slice(0, 4)}:${crypto.randomUUID().slice(0, 4)}`;
    for (let i = 1; i <= 5; i++) expectStatus(await attempt(budgeted, uniqueEmail(), 'spraying', from(`${net}::${i}`)), 401);
    expectStatus(await attempt(budgeted, uniqueEmail(), 'spraying', from(`${net}::ffff:1`)), 429, 'AUTH_TOO_MANY_ATTEMPTS');
    const forwarded = { 'x-forwarded-for': uniqueAddress() };
    for (let i = 0; i < 5; i++) expectStatus(await attempt(budgeted, uniqueEmail(), 'spraying', forwarded), 401);
    const user = await register(budgeted);
    await login(budgeted, user.email, PASSWORD, forwarded);
  });

  it("forgets the owner's own failures from an address once they sign in from it", async () => {
    const user = await register(atoll);
    const desk = uniqueAddress();
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 4; i++) expectStatus(await attempt(atoll, user.email, 'wrong password!', from(desk)), 401);
      await login(atoll, user.email, PASSWORD, from(desk));
    }
  });

  it('does not count successful sign-ins against the address', async () => {
    const user = await register(budgeted);
    const address = uniqueAddress();
    for (let i = 0; i < 7; i++) await login(budgeted, user.email, PASSWORD, from(address));
  });
});
