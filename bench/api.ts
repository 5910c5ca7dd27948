// `npm run bench` (via bench/run.mjs): throughput and latency of Atoll under `wrangler dev` against a
// bare Hono hello world in the same workerd. Starts its own embedded Postgres, s3rver and both
// Workers on free loopback ports with throwaway data, runs autocannon against 127.0.0.1 only, prints
// a table and stops everything. Exits non-zero if any run saw errors, timeouts or non-2xx answers.
//
// Env: BENCH_DURATION (s, default 10), BENCH_CONNECTIONS (default 10), BENCH_WARMUP (s, default 2).
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { freePort } from '../scripts/lib/free-port';
import { applyMigrations, installedMigrationSets } from '../scripts/lib/migrate';
import { startPostgres } from '../scripts/lib/postgres';
import { startS3 } from '../scripts/lib/s3';
import { startWranglerDev } from '../scripts/lib/wrangler-dev';
import { onShutdown } from '../scripts/lib/shutdown';
import { localS3Vars } from '../scripts/lib/local-s3-vars';
import { envInt } from './lib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const say = (line: string) => console.log(`[bench] ${line}`);

const DURATION = envInt('BENCH_DURATION', 10, 1, 600);
const CONNECTIONS = envInt('BENCH_CONNECTIONS', 10, 1, 1000);
const WARMUP = envInt('BENCH_WARMUP', 2, 0, 60);

interface Target {
  label: string;
  base: 'atoll' | 'hello';
  path: string;
}

const TARGETS: Target[] = [
  { label: 'hono hello GET /', base: 'hello', path: '/' },
  { label: 'atoll GET /health/live', base: 'atoll', path: '/health/live' },
  { label: 'atoll GET /api/v1/system/info', base: 'atoll', path: '/api/v1/system/info' },
];

interface Measured {
  target: Target;
  reqPerSec: number;
  p50: number;
  p99: number;
  meanLatency: number;
  completed: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

// --- cleanup: every started piece registers its stop; run in reverse, once, even on error/signal ---
const cleanups: { name: string; fn: () => Promise<void> }[] = [];
let cleaning: Promise<void> | undefined;
let current: { stop(): void } | undefined;

function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    current?.stop();
    for (const { name, fn } of cleanups.reverse()) {
      try {
        await fn();
      } catch (error) {
        console.error(`[bench] stopping ${name} failed: ${String(error)}`);
      }
    }
  })();
  return cleaning;
}

let signalled = false;
onShutdown((signal) => {
  signalled = true;
  say(`${signal}: stopping…`);
  void cleanup().finally(() => process.exit(130));
});

// A hard upper bound: startup (up to ~3 min for two wrangler dev) plus every run with slack.
const budgetMs = 240_000 + TARGETS.length * (WARMUP + DURATION + 30) * 1_000;
const watchdog = setTimeout(() => {
  console.error(`[bench] exceeded its ${Math.round(budgetMs / 1000)} s budget; stopping`);
  void cleanup().finally(() => process.exit(2));
}, budgetMs);
watchdog.unref();

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}

/** One autocannon run; latencies are taken from its per-response hrtime durations (sub-ms). */
function cannon(url: string, seconds: number): Promise<{ result: autocannon.AutocannonResult; latencies: number[] }> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    const instance = autocannon({ url, connections: CONNECTIONS, duration: seconds, timeout: 10 }, (error, result) => {
      current = undefined;
      if (error) reject(error);
      else resolve({ result, latencies });
    });
    current = instance;
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
      latencies.push(responseTime);
    });
  });
}

function fmt(n: number, digits = 2): string {
  return Number.isFinite(n) ? n.toFixed(digits) : 'n/a';
}

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

async function main(): Promise<number> {
  const wranglerVersion = (JSON.parse(readFileSync(join(root, 'node_modules/wrangler/package.json'), 'utf8')) as { version: string }).version;
  let workerdVersion = 'unknown';
  try {
    workerdVersion = (JSON.parse(readFileSync(join(root, 'node_modules/workerd/package.json'), 'utf8')) as { version: string }).version;
  } catch {
    // workerd is a wrangler dependency; its location may differ
  }
  const cpuList = cpus();
  say(`machine   ${cpuList.length} cpus (${cpuList[0]?.model.trim() ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, ${process.platform}/${process.arch}`);
  say(`runtime   node ${process.version}, wrangler ${wranglerVersion} (dev, local workerd ${workerdVersion})`);
  say(`load avg  ${loadavg().map((l) => l.toFixed(2)).join(' ')} (1/5/15 min) before start; other load skews the figures`);
  say(`settings  ${CONNECTIONS} connections, ${WARMUP} s warm-up + ${DURATION} s measured per target`);

  const dir = mkdtempSync(join(tmpdir(), 'atoll-bench-'));
  chmodSync(dir, 0o755); // as root, Postgres runs as its own user and must reach its data dir
  cleanups.push({ name: 'temp dir', fn: async () => rmSync(dir, { recursive: true, force: true }) });

  const postgres = await startPostgres({ dataDir: join(dir, 'postgres'), port: await freePort(), persistent: false });
  cleanups.push({ name: 'postgres', fn: () => postgres.stop() });
  say(`postgres  127.0.0.1:${postgres.port}`);
  await applyMigrations(postgres.url, await installedMigrationSets(root));

  const s3 = await startS3({ dataDir: join(dir, 's3'), port: await freePort(), bucket: 'atoll-bench' });
  cleanups.push({ name: 's3rver', fn: () => s3.stop() });
  say(`s3        ${s3.endpoint}`);

  const atoll = await startWranglerDev({
    port: await freePort(),
    databaseUrl: postgres.url,
    vars: {
      APP_ENV: 'development',
      LOG_LEVEL: 'warn',
      ...localS3Vars(s3.endpoint, s3.bucket),
    },
  });
  cleanups.push({ name: 'wrangler dev (atoll)', fn: () => atoll.stop() });
  say(`atoll     ${atoll.url}`);

  const hello = await startWranglerDev({
    port: await freePort(),
    databaseUrl: postgres.url,
    vars: {},
    config: join(root, 'bench/hello/wrangler.jsonc'),
    readyPath: '/',
  });
  cleanups.push({ name: 'wrangler dev (hello)', fn: () => hello.stop() });
  say(`hello     ${hello.url}`);

  const bases = { atoll: atoll.url, hello: hello.url };
  for (const url of [...Object.values(bases)]) {
    if (!url.startsWith('http://127.0.0.1:')) throw new Error(`refusing to benchmark a non-loopback URL: ${url}`);
  }

  // Each target must answer 200 before it is measured, so a broken setup fails loudly, not as "fast".
  for (const t of TARGETS) {
    const res = await fetch(bases[t.base] + t.path);
    const body = await res.text();
    if (res.status !== 200) throw new Error(`${t.label} answered ${res.status}: ${body.slice(0, 500)}`);
  }

  const measured: Measured[] = [];
  for (const t of TARGETS) {
    const url = bases[t.base] + t.path;
    if (WARMUP > 0) {
      say(`warm-up   ${t.label} (${WARMUP} s)`);
      await cannon(url, WARMUP);
    }
    say(`measure   ${t.label} (${DURATION} s)`);
    const { result, latencies } = await cannon(url, DURATION);
    latencies.sort((a, b) => a - b);
    measured.push({
      target: t,
      reqPerSec: result.requests.mean,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      meanLatency: latencies.reduce((s, x) => s + x, 0) / (latencies.length || 1),
      completed: latencies.length,
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
    });
  }

  say(`load avg  ${loadavg().map((l) => l.toFixed(2)).join(' ')} (1/5/15 min) after the runs`);
  const baseline = measured.find((m) => m.target.base === 'hello')!;
  console.log('');
  console.log(
    table(
      ['target', 'req/s', 'p50 ms', 'p99 ms', 'mean ms', 'responses', 'non-2xx', 'errors', 'req/s vs hello', 'p99 vs hello'],
      measured.map((m) => [
        m.target.label,
        fmt(m.reqPerSec, 1),
        fmt(m.p50),
        fmt(m.p99),
        fmt(m.meanLatency),
        String(m.completed),
        String(m.non2xx),
        m.timeouts > 0 ? `${m.errors} (${m.timeouts} timeouts)` : String(m.errors),
        m === baseline ? '1.00x' : `${fmt(m.reqPerSec / baseline.reqPerSec)}x`,
        m === baseline ? '1.00x' : `${fmt(m.p99 / baseline.p99)}x`,
      ]),
    ),
  );
  console.log('');
  say(`req/s is autocannon's mean of per-second samples; latencies are exact per-response times (ms).`);

  const failed = measured.filter((m) => m.errors > 0 || m.non2xx > 0);
  for (const m of failed) console.error(`[bench] FAIL ${m.target.label}: ${m.errors} errors, ${m.non2xx} non-2xx`);
  return failed.length > 0 ? 1 : 0;
}

let code = 1;
try {
  code = await main();
} catch (error) {
  console.error('[bench] failed:', error instanceof Error ? (error.stack ?? error.message) : error);
  code = 1;
} finally {
  if (!signalled) {
    say('stopping…');
    await cleanup();
    say('stopped');
  }
}
if (!signalled) process.exit(code);
