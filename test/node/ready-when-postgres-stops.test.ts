// A database outage against the real runtime: the Worker under `wrangler dev` (workerd), its own
// embedded Postgres (so stopping it cannot disturb other tests) and the suite's shared s3rver.
//
// wrangler 4.86.0's local Hyperdrive proxy (miniflare 4.20260426.0) lets the ECONNREFUSED of a
// stopped Postgres escape as an uncaught exception that kills `wrangler dev`. Nothing sits between
// them here on purpose: scripts/lib/socket-reset-guard.cjs, loaded into wrangler as under
// `npm run dev`, must keep it serving (503 during the outage, 2xx once Postgres is back).
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../scripts/lib/free-port';
import { localS3Vars } from '../../scripts/lib/local-s3-vars';
import { applyMigrations, installedMigrationSets } from '../../scripts/lib/migrate';
import { type LocalPostgres, startPostgres } from '../../scripts/lib/postgres';
import { startWranglerDev, type WranglerDev } from '../../scripts/lib/wrangler-dev';
import type {} from '../global-setup'; // the `inject` keys (ProvidedContext)
import { api } from './runner-stack';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

interface Check {
  status: 'ok' | 'fail';
  latencyMs: number;
  error?: string;
}
interface Readiness {
  status: 'ok' | 'fail';
  checks: { postgres: Check; s3: Check };
}
interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}
/** One request of the load: when it was sent and answered, relative to the outage. */
interface Sample extends Answer {
  sentAt: number;
  answeredAt: number;
}

let dir: string;
let postgresPort: number;
let postgres: LocalPostgres | undefined;
let worker: WranglerDev;
let token: string;

const startDatabase = () => startPostgres({ dataDir: join(dir, 'postgres'), port: postgresPort, persistent: true });

/** undici's "other side closed": a kept-alive connection the server closed as it was reused. */
const closedKeptAlive = (error: unknown) => (error as { cause?: { code?: string } }).cause?.code === 'UND_ERR_SOCKET';

async function get(path: string, headers: Record<string, string> = {}): Promise<Answer> {
  let res: Response;
  const send = () => fetch(`${worker.url}${path}`, { headers, signal: AbortSignal.timeout(30_000) });
  try {
    // A GET may be sent again on a fresh connection, as HTTP clients do after that race; a wrangler
    // that is gone fails the second time too.
    res = await send().catch((error: unknown) => (closedKeptAlive(error) ? send() : Promise.reject(error)));
  } catch (error) {
    // What a dying wrangler printed last reaches us a moment after its port closes.
    const ended = await worker.ended(5_000);
    throw new Error(`GET ${path}: no answer from wrangler dev (${ended}): ${String(error)} ${String((error as Error).cause ?? '')}\n${worker.output().slice(-6000)}`);
  }
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

const me = () => get('/api/v1/auth/me', { authorization: `Bearer ${token}` });
const shown = (path: string, a: Answer) => `GET ${path} -> ${a.status} ${a.headers.get('content-type')} retry-after=${a.headers.get('retry-after')}: ${a.text}`;

/** `clients` loops calling GET /auth/me back to back until `stop()`; returns every answer. */
function load(clients: number) {
  const samples: Sample[] = [];
  let running = true;
  const loops = Array.from({ length: clients }, async () => {
    while (running) {
      const sentAt = Date.now();
      // No answer at all (wrangler gone) is recorded as status 0, so the assertions show it.
      const answer = await me().catch((error: Error) => ({ status: 0, headers: new Headers(), text: error.message, json: undefined }));
      samples.push({ ...answer, sentAt, answeredAt: Date.now() });
    }
  });
  return {
    samples,
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

async function until<T>(what: string, probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms; last: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'atoll-ready-test-'));
  chmodSync(dir, 0o755); // as root, Postgres runs as its own user and must reach its data dir
  postgresPort = await freePort();
  postgres = await startDatabase();
  await applyMigrations(postgres.url, await installedMigrationSets(root));
  worker = await startWranglerDev({
    databaseUrl: postgres.url,
    vars: {
      APP_ENV: 'test',
      LOG_LEVEL: 'warn',
      AUTH_REGISTRATION: 'open',
      AUTH_JWT_PRIVATE_KEY: inject('authJwtPrivateKey'),
      AUTH_JWT_PUBLIC_KEYS: inject('authJwtPublicKeys'),
      ...localS3Vars(inject('s3Endpoint'), inject('s3Bucket')),
    },
  });
  const email = `outage-${Date.now().toString(36)}@example.com`;
  const password = 'a long enough test passphrase';
  await api(worker.url, 'POST', '/api/v1/auth/register', {}, { body: { email, password, name: 'outage' } });
  token = (await api(worker.url, 'POST', '/api/v1/auth/login', {}, { body: { email, password } })).accessToken;
}, 180_000);

afterAll(async () => {
  await worker?.stop();
  await postgres?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a database outage under wrangler dev', () => {
  it('answers 503 KERNEL_DATABASE_UNAVAILABLE (never 500) while Postgres is down, readiness names it, and 200 once it is back', async () => {
    const ready = await get('/health/ready');
    expect(ready.status, shown('/health/ready', ready)).toBe(200);
    expect(ready.headers.get('cache-control'), shown('/health/ready', ready)).toBe('no-store');
    expect(ready.json, shown('/health/ready', ready)).toMatchObject({ status: 'ok', checks: { postgres: { status: 'ok' }, s3: { status: 'ok' } } });
    const before = await me();
    expect(before.status, shown('/api/v1/auth/me', before)).toBe(200);

    const traffic = load(4);
    await new Promise((r) => setTimeout(r, 500));
    await postgres!.stop();
    postgres = undefined;
    const downAt = Date.now();

    // Pools are per request, so the next check already has to reconnect; allow a few tries anyway.
    const notReady = await until(
      'readiness to fail',
      () => get('/health/ready'),
      (a) => a.status !== 200,
    );
    expect(notReady.status, shown('/health/ready', notReady)).toBe(503);
    expect(notReady.headers.get('x-request-id') ?? '', shown('/health/ready', notReady)).toMatch(/\S{8,}/);
    const readiness = notReady.json as Readiness;
    expect(readiness, shown('/health/ready', notReady)).toMatchObject({ status: 'fail', checks: { postgres: { status: 'fail' }, s3: { status: 'ok' } } });
    expect(['unreachable', 'timeout'], shown('/health/ready', notReady)).toContain(readiness.checks.postgres.error);
    const live = await get('/health/live');
    expect(live.status, shown('/health/live', live)).toBe(200);
    expect(live.json, shown('/health/live', live)).toEqual({ status: 'ok' });

    await until(
      '20 answers during the outage',
      async () => traffic.samples.filter((s) => s.sentAt > downAt).length,
      (n) => n >= 20,
    );
    const upAt = Date.now();
    postgres = await startDatabase();
    const backAt = Date.now();
    await until(
      'an answer sent after the restart',
      async () => traffic.samples.filter((s) => s.sentAt > backAt).length,
      (n) => n >= 8,
    );
    await traffic.stop();

    const { samples } = traffic;
    const statuses = [...new Set(samples.map((s) => s.status))].sort();
    const unexpected = samples.find((s) => s.status !== 200 && s.status !== 503);
    expect(unexpected && shown('/api/v1/auth/me', unexpected), `statuses seen: ${statuses.join(', ')}`).toBeUndefined();
    const during = samples.filter((s) => s.sentAt > downAt && s.answeredAt < upAt);
    expect(during.length).toBeGreaterThanOrEqual(20);
    for (const s of samples.filter((x) => x.status === 503)) {
      const text = shown('/api/v1/auth/me', s);
      expect(s.headers.get('content-type'), text).toMatch(/^application\/problem\+json/);
      expect(s.json, text).toMatchObject({ status: 503, code: 'KERNEL_DATABASE_UNAVAILABLE' });
      expect(Number(s.headers.get('retry-after')), text).toBeGreaterThanOrEqual(1);
    }
    expect(during.filter((s) => s.status !== 503).map((s) => shown('/api/v1/auth/me', s))).toEqual([]);

    // The same wrangler process serves again: the last answers, all sent after the restart, are 200.
    const after = samples.filter((s) => s.sentAt > backAt);
    expect(
      after.slice(-4).map((s) => s.status),
      after.map((s) => shown('/api/v1/auth/me', s)).join('\n'),
    ).toEqual([200, 200, 200, 200]);
    const readyAgain = await until(
      'readiness to pass again',
      () => get('/health/ready'),
      (a) => a.status === 200,
    );
    expect(readyAgain.json, shown('/health/ready', readyAgain)).toMatchObject({ status: 'ok' });
  });
});
