// `npm run bench:realtime` (via bench/run.mjs): fan-out latency of one tenant's TenantHub under
// `wrangler dev`. Starts its own embedded Postgres, s3rver and Worker on free loopback ports with
// throwaway data, signs up a user with a tenant and an admin API key, opens BENCH_CLIENTS WebSocket
// clients with tickets, publishes BENCH_EVENTS custom events (spaced BENCH_INTERVAL_MS apart) and
// measures, at every client, the time from the start of the publishing POST to the event's receipt.
// Prints p50/p90/p99/max and the delivery count, and stops everything. The Worker runs from a copy
// of the source tree taken at start. Exits non-zero when any event
// was not delivered to every client.
//
// Env: BENCH_CLIENTS (default 1000), BENCH_EVENTS (default 50), BENCH_INTERVAL_MS (default 100).
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { exportJWK, generateKeyPair } from 'jose';
import WebSocket from 'ws';
import { freePort } from '../scripts/lib/free-port';
import { localS3Vars } from '../scripts/lib/local-s3-vars';
import { applyMigrations, installedMigrationSets } from '../scripts/lib/migrate';
import { startPostgres } from '../scripts/lib/postgres';
import { startS3 } from '../scripts/lib/s3';
import { startWranglerDev } from '../scripts/lib/wrangler-dev';
import { createClients, type BenchClient } from './realtime-clients';
import { benchTeardown, envInt } from './lib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const say = (line: string) => console.log(`[bench:realtime] ${line}`);

const CLIENTS = envInt('BENCH_CLIENTS', 1000, 1, 5000);
const EVENTS = envInt('BENCH_EVENTS', 50, 1, 1000);
const INTERVAL_MS = envInt('BENCH_INTERVAL_MS', 100, 0, 10_000);

const teardown = benchTeardown('bench:realtime');
const budgetMs = 300_000 + CLIENTS * 100 + EVENTS * (INTERVAL_MS + 2_000);
setTimeout(() => {
  console.error(`[bench:realtime] exceeded its ${Math.round(budgetMs / 1000)} s budget; stopping`);
  void teardown.run().finally(() => process.exit(2));
}, budgetMs).unref();

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function api(base: string, method: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<any> {
  const res = await fetch(base + path, { method, headers: { 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 500)}`);
  return text ? JSON.parse(text) : null;
}

async function jwtKeyVars(): Promise<Record<string, string>> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const common = { kid: `bench-${Date.now().toString(36)}`, alg: 'ES256', use: 'sig' };
  return {
    AUTH_JWT_PRIVATE_KEY: JSON.stringify({ ...(await exportJWK(privateKey)), ...common }),
    AUTH_JWT_PUBLIC_KEYS: JSON.stringify([{ ...(await exportJWK(publicKey)), ...common }]),
  };
}

/**
 * A copy of the source tree (node_modules linked) for wrangler dev to run and watch, so edits made
 * while the benchmark runs do not restart the Worker and drop every socket mid-measurement.
 */
function snapshotSources(dir: string): string {
  const copy = join(dir, 'src');
  mkdirSync(copy);
  const skip = new Set(['node_modules', '.git', '.wrangler', '.data']);
  for (const entry of readdirSync(root)) if (!skip.has(entry)) cpSync(join(root, entry), join(copy, entry), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
  return copy;
}

async function startStack(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'atoll-bench-realtime-'));
  chmodSync(dir, 0o755); // as root, Postgres runs as its own user and must reach its data dir
  teardown.add('temp dir', async () => rmSync(dir, { recursive: true, force: true }));
  const postgres = await startPostgres({ dataDir: join(dir, 'postgres'), port: await freePort(), persistent: false });
  teardown.add('postgres', () => postgres.stop());
  await applyMigrations(postgres.url, await installedMigrationSets(root));
  const s3 = await startS3({ dataDir: join(dir, 's3'), port: await freePort(), bucket: 'atoll-bench' });
  teardown.add('s3rver', () => s3.stop());
  const sources = snapshotSources(dir);
  const worker = await startWranglerDev({
    port: await freePort(),
    databaseUrl: postgres.url,
    config: join(sources, 'wrangler.jsonc'),
    // 1,000 ticket requests and the publishing POSTs come from one address: lift the realtime
    // plugin's write limit, which would refuse them after 120 a minute.
    vars: { APP_ENV: 'development', LOG_LEVEL: 'warn', AUTH_REGISTRATION: 'open', RATE_LIMIT_WRITES: '{"realtime":false}', ...localS3Vars(s3.endpoint, s3.bucket), ...(await jwtKeyVars()) },
  });
  teardown.add('wrangler dev', () => worker.stop());
  if (!worker.url.startsWith('http://127.0.0.1:')) throw new Error(`refusing to benchmark a non-loopback URL: ${worker.url}`);
  return worker.url;
}

/** A user, their tenant, and an admin API key with both realtime scopes. */
async function seed(base: string): Promise<string> {
  const email = `bench-${Date.now()}@example.com`;
  const password = `bench-${crypto.randomUUID()}`;
  await api(base, 'POST', '/api/v1/auth/register', { email, password });
  const { accessToken } = await api(base, 'POST', '/api/v1/auth/login', { email, password });
  const auth = { authorization: `Bearer ${accessToken}` };
  const tenant = await api(base, 'POST', '/api/v1/tenants', { name: 'Bench', slug: `bench-${Date.now().toString(36)}` }, auth);
  const key = await api(base, 'POST', `/api/v1/tenants/${tenant.id}/api-keys`, { name: 'bench', scopes: ['realtime:read', 'realtime:write'], role: 'admin' }, auth);
  return key.secret as string;
}

async function main(): Promise<number> {
  const cpuList = cpus();
  say(`machine   ${cpuList.length} cpus (${cpuList[0]?.model.trim() ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`);
  say(`load avg  ${loadavg().map((l) => l.toFixed(2)).join(' ')} before start`);
  say(`settings  ${CLIENTS} clients, ${EVENTS} events, ${INTERVAL_MS} ms apart`);
  const base = await startStack();
  say(`atoll     ${base}`);
  const key = await seed(base);
  const auth = { authorization: `Bearer ${key}` };

  const started = performance.now();
  const clients: BenchClient[] = await createClients(base, auth, CLIENTS, (url) => new WebSocket(url));
  teardown.add('clients', async () => clients.forEach((c) => c.close()));
  say(`connected ${clients.length} clients in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const publish = (seq: number, measured: boolean) => {
    const sentAt = performance.now();
    return api(base, 'POST', '/api/v1/realtime/events', { topic: 'custom.bench', type: 'custom.bench.tick', data: { seq, measured, sentAt } }, auth);
  };
  for (let i = 0; i < 3; i++) await publish(-1 - i, false); // warm-up, not measured
  const publishMs: number[] = [];
  for (let seq = 0; seq < EVENTS; seq++) {
    const t0 = performance.now();
    await publish(seq, true);
    publishMs.push(performance.now() - t0);
    if (INTERVAL_MS > 0) await sleep(INTERVAL_MS);
  }
  const expected = CLIENTS * EVENTS;
  const deadline = performance.now() + 15_000;
  const delivered = () => clients.reduce((n, c) => n + c.latencies.length, 0);
  while (delivered() < expected && performance.now() < deadline) await sleep(50);

  const latencies = clients.flatMap((c) => c.latencies).sort((a, b) => a - b);
  const fanOut = clients.flatMap((c) => c.fanOut).sort((a, b) => a - b);
  publishMs.sort((a, b) => a - b);
  const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : 'n/a');
  say(`load avg  ${loadavg().map((l) => l.toFixed(2)).join(' ')} after the run`);
  console.log('');
  console.log(`publish → receipt at each client (ms): p50 ${fmt(percentile(latencies, 50))}  p90 ${fmt(percentile(latencies, 90))}  p99 ${fmt(percentile(latencies, 99))}  max ${fmt(latencies.at(-1) ?? NaN)}`);
  console.log(`hub fan-out, stored → receipt (ms):    p50 ${fmt(percentile(fanOut, 50))}  p90 ${fmt(percentile(fanOut, 90))}  p99 ${fmt(percentile(fanOut, 99))}  max ${fmt(fanOut.at(-1) ?? NaN)}`);
  console.log(`publishing POST round trip (ms):       p50 ${fmt(percentile(publishMs, 50))}  p99 ${fmt(percentile(publishMs, 99))}`);
  console.log(`delivered ${latencies.length} of ${expected} (${CLIENTS} clients × ${EVENTS} events); out of order: ${clients.filter((c) => c.outOfOrder).length} clients; closed early: ${clients.filter((c) => c.closed).length}`);
  const closes = [...new Set(clients.map((c) => c.closed).filter(Boolean))];
  if (closes.length > 0) console.log(`close codes: ${closes.join('; ')}`);
  console.log('');
  return latencies.length === expected ? 0 : 1;
}

let code = 1;
try {
  code = await main();
} catch (error) {
  console.error('[bench:realtime] failed:', error instanceof Error ? (error.stack ?? error.message) : error);
} finally {
  if (!teardown.signalled) {
    say('stopping…');
    await teardown.run();
    say('stopped');
  }
}
if (!teardown.signalled) process.exit(code);
