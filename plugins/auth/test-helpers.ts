// Helpers for the auth plugin's tests: real app, real Postgres, unique accounts per test.
import { expect } from 'vitest';
import { bodyOf, send } from '../../test/worker/harness';
import type { AtollApp } from '../../worker/app';

export const uniqueEmail = () => `${crypto.randomUUID()}@example.com`;
export const PASSWORD = 'correct horse battery';

export interface Answer {
  res: Response;
  body: any;
}

/** Sends JSON (optionally with a bearer token) and returns the response with its parsed body. */
export async function call(atoll: AtollApp, method: string, path: string, options: { body?: unknown; token?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const res = await send(atoll, path, { method, headers, ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}) });
  return { res, body: await bodyOf(res) };
}

/** Asserts the status, printing the body when it differs; optionally the problem code. */
export function expectStatus(answer: Answer, status: number, code?: string) {
  expect(answer.res.status, JSON.stringify(answer.body)).toBe(status);
  if (code) expect(answer.body.code, JSON.stringify(answer.body)).toBe(code);
  return answer.body;
}

export async function register(atoll: AtollApp, email = uniqueEmail(), password = PASSWORD) {
  const user = expectStatus(await call(atoll, 'POST', '/api/v1/auth/register', { body: { email, password } }), 201);
  return { id: user.id as string, email, password };
}

export async function login(atoll: AtollApp, email: string, password = PASSWORD, headers?: Record<string, string>) {
  const body = expectStatus(await call(atoll, 'POST', '/api/v1/auth/login', { body: { email, password }, ...(headers ? { headers } : {}) }), 200);
  return body as { accessToken: string; refreshToken: string; tokenType: 'Bearer'; expiresIn: number };
}

/** A new account, signed in through the API. */
export async function signedInUser(atoll: AtollApp) {
  const user = await register(atoll);
  return { ...user, tokens: await login(atoll, user.email) };
}

/** Every Set-Cookie header of a response (workerd has `getSetCookie`; its types lag behind). */
export const setCookies = (res: Response): string[] => (res.headers as unknown as { getSetCookie(): string[] }).getSetCookie();

/** A clock for the sign-in throttle that moves only when told: `authPlugin({ now: clock.now })`. */
export function manualClock(start = Date.now()) {
  let at = start;
  return { now: () => new Date(at), advance: (seconds: number) => void (at += seconds * 1000) };
}

/** A random IPv4 address in 100.64.0.0/10 (shared address space), for throttles keyed by address. */
export const uniqueAddress = () => {
  const [a, b, c] = crypto.getRandomValues(new Uint8Array(3));
  return `100.${64 + (a! & 63)}.${b}.${c}`;
};
