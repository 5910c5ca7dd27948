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
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { api, ownerWithTenant } from '../test/node/runner-stack';
import { benchTeardown, envInt, loadAverage, machine, percentile } from './lib';
import { type BenchClient, createClients } from './realtime-clients';
import { startBenchStack } from './stack';

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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A user, their tenant, and an admin API key with both realtime scopes. */
async function seed(base: string): Promise<string> {
  const owner = await ownerWithTenant(base, 'bench-realtime');
  const key = await api(base, 'POST', `/api/v1/tenants/${owner.tenant}/api-keys`, owner, { body: { name: 'bench', scopes: ['realtime:read', 'realtime:write'], role: 'admin' } });
  return key.secret as string;
}

async function main(): Promise<number> {
  say(`machine   ${machine()}`);
  say(`load avg  ${loadAverage()} before start`);
  say(`settings  ${CLIENTS} clients, ${EVENTS} events, ${INTERVAL_MS} ms apart`);
  // 1,000 ticket requests and the publishing POSTs come from one address: lift the realtime
  // plugin's write limit, which would refuse them after 120 a minute.
  const base = (await startBenchStack(teardown, 'realtime', { RATE_LIMIT_WRITES: '{"realtime":false}' })).baseUrl;
  say(`atoll     ${base}`);
  const key = await seed(base);
  const auth = { authorization: `Bearer ${key}` };

  const started = performance.now();
  const clients: BenchClient[] = await createClients(base, auth, CLIENTS, (url) => new WebSocket(url));
  teardown.add('clients', async () => clients.forEach((c) => c.close()));
  say(`connected ${clients.length} clients in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const publish = (seq: number, measured: boolean) => {
    const sentAt = performance.now();
    return api(base, 'POST', '/api/v1/realtime/events', { token: key }, { body: { topic: 'custom.bench', type: 'custom.bench.tick', data: { seq, measured, sentAt } } });
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
  say(`load avg  ${loadAverage()} after the run`);
  console.log('');
  console.log(
    `publish → receipt at each client (ms): p50 ${fmt(percentile(latencies, 50))}  p90 ${fmt(percentile(latencies, 90))}  p99 ${fmt(percentile(latencies, 99))}  max ${fmt(latencies.at(-1) ?? NaN)}`,
  );
  console.log(`hub fan-out, stored → receipt (ms):    p50 ${fmt(percentile(fanOut, 50))}  p90 ${fmt(percentile(fanOut, 90))}  p99 ${fmt(percentile(fanOut, 99))}  max ${fmt(fanOut.at(-1) ?? NaN)}`);
  console.log(`publishing POST round trip (ms):       p50 ${fmt(percentile(publishMs, 50))}  p99 ${fmt(percentile(publishMs, 99))}`);
  console.log(
    `delivered ${latencies.length} of ${expected} (${CLIENTS} clients × ${EVENTS} events); out of order: ${clients.filter((c) => c.outOfOrder).length} clients; closed early: ${clients.filter((c) => c.closed).length}`,
  );
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
