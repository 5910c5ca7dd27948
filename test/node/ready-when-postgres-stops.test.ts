// Readiness against the real runtime: the Worker under `wrangler dev` (workerd), its own embedded
// Postgres (so stopping it cannot disturb other tests) and the suite's shared s3rver.
//
// Why a TCP relay sits between wrangler and Postgres: wrangler 4.86.0's local Hyperdrive proxy
// (miniflare 4.20260426.0, HyperdriveProxyController#handleConnection) opens its upstream socket
// without an 'error' listener, so once Postgres refuses connections the ECONNREFUSED is an uncaught
// exception and the whole `wrangler dev` process exits. (cloudflare/workers-sdk#13390 sidesteps it
// by connecting directly when no sslmode is set; this wrangler predates that.) The relay passes
// bytes through unchanged while Postgres runs and, once it is gone, closes the client's side
// cleanly instead of refusing: the Worker sees the connection close before Postgres answers.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../scripts/lib/free-port';
import { applyMigrations, installedMigrationSets } from '../../scripts/lib/migrate';
import { startPostgres, type LocalPostgres } from '../../scripts/lib/postgres';
import { startWranglerDev, type WranglerDev } from '../../scripts/lib/wrangler-dev';
import type {} from '../global-setup'; // the `inject` keys (ProvidedContext)
import { localS3Vars } from '../../scripts/lib/local-s3-vars';

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
  json: unknown;
}

/** Forwards loopback TCP to `targetPort`; when the target refuses, ends the client's side cleanly. */
async function startRelay(targetPort: number): Promise<{ port: number; stop(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const track = (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  };
  const server: Server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    track(client);
    track(upstream);
    // Postgres clients speak first (the startup message). Ending before it arrived would make
    // miniflare's proxy write into a socket we closed: EPIPE, uncaught again.
    let spoke = false;
    client.once('data', () => (spoke = true));
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => {
      client.unpipe(upstream);
      client.resume(); // drain what the client sends, so closing sends FIN, not RST
      if (spoke) client.end();
      else client.once('data', () => client.end());
    });
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as { port: number }).port,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

async function get(path: string): Promise<Answer> {
  let res: Response;
  try {
    res = await fetch(`${worker.url}${path}`, { signal: AbortSignal.timeout(30_000) });
  } catch (error) {
    throw new Error(`GET ${path}: no answer from wrangler dev (did it exit?): ${String(error)} ${String((error as Error).cause ?? '')}`);
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

const describeAnswer = (path: string, a: Answer) => `GET ${path} -> ${a.status}: ${a.text}`;

let dir: string;
let postgres: LocalPostgres | undefined;
let relay: Awaited<ReturnType<typeof startRelay>> | undefined;
let worker: WranglerDev;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'atoll-ready-test-'));
  chmodSync(dir, 0o755); // as root, Postgres runs as its own user and must reach its data dir
  postgres = await startPostgres({ dataDir: join(dir, 'postgres'), port: await freePort(), persistent: false });
  await applyMigrations(postgres.url, await installedMigrationSets(root));
  relay = await startRelay(postgres.port);
  const viaRelay = new URL(postgres.url);
  viaRelay.port = String(relay.port);
  worker = await startWranglerDev({
    port: await freePort(),
    databaseUrl: viaRelay.toString(),
    vars: {
      APP_ENV: 'test',
      LOG_LEVEL: 'warn',
      ...localS3Vars(inject('s3Endpoint'), inject('s3Bucket')),
    },
  });
});

afterAll(async () => {
  await worker?.stop();
  await relay?.stop();
  await postgres?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('GET /health/ready under wrangler dev', () => {
  it('is 200 while Postgres runs, then 503 naming Postgres once it stops, while liveness stays 200', async () => {
    const ready = await get('/health/ready');
    expect(ready.status, describeAnswer('/health/ready', ready)).toBe(200);
    expect(ready.headers.get('x-request-id') ?? '', describeAnswer('/health/ready', ready)).toMatch(/\S{8,}/);
    expect(ready.headers.get('cache-control'), describeAnswer('/health/ready', ready)).toBe('no-store');
    expect(ready.json, describeAnswer('/health/ready', ready)).toMatchObject({
      status: 'ok',
      checks: { postgres: { status: 'ok' }, s3: { status: 'ok' } },
    });

    await postgres!.stop();
    postgres = undefined;

    // Pools are per request, so the next check already has to reconnect; allow a few tries anyway.
    let notReady: Answer | undefined;
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      notReady = await get('/health/ready');
      if (notReady.status !== 200) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const shown = describeAnswer('/health/ready', notReady!);
    expect(notReady!.status, shown).toBe(503);
    expect(notReady!.headers.get('x-request-id') ?? '', shown).toMatch(/\S{8,}/);
    expect(notReady!.headers.get('content-type'), shown).toMatch(/application\/json/);
    const body = notReady!.json as Readiness;
    expect(body, shown).toMatchObject({ status: 'fail', checks: { postgres: { status: 'fail' }, s3: { status: 'ok' } } });
    expect(['unreachable', 'timeout'], shown).toContain(body.checks.postgres.error);
    expect(body.checks.s3.error, shown).toBeUndefined();

    const live = await get('/health/live');
    expect(live.status, describeAnswer('/health/live', live)).toBe(200);
    expect(live.json, describeAnswer('/health/live', live)).toEqual({ status: 'ok' });
    expect(live.headers.get('x-request-id') ?? '', describeAnswer('/health/live', live)).toMatch(/\S{8,}/);
  });
});
