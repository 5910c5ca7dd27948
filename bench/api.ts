// `npm run bench` (via bench/run.mjs): throughput and latency of Atoll under `wrangler dev` against
// bare Hono Workers in the same workerd: a hello world for the kernel path, and a Worker that runs
// Atoll's project list SELECT through the same Hyperdrive binding for the authenticated list (with
// a user's access token, and with an API key). Starts its own embedded Postgres, s3rver and the
// three Workers on free loopback ports with throwaway data, runs autocannon against 127.0.0.1 only,
// prints a table and the ratios against their goals, and stops everything. Exits non-zero if any
// run saw errors, timeouts or non-2xx answers (a ratio below its goal is reported, not a failure).
//
// Env: BENCH_DURATION (s, default 10), BENCH_CONNECTIONS (default 32), BENCH_WARMUP (s, default 2),
// BENCH_PROJECTS (projects in the listed tenant, default 20, at most one page).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../scripts/lib/free-port';
import { startS3 } from '../scripts/lib/s3';
import { startWorkerStack } from '../scripts/lib/worker-stack';
import { startWranglerDev } from '../scripts/lib/wrangler-dev';
import { api, ownerWithTenant } from '../test/node/runner-stack';
import { type CannonRun, cannon, stopCannon } from './cannon';
import { benchTeardown, envInt, fmt, jwtKeyVars, table } from './lib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const say = (line: string) => console.log(`[bench] ${line}`);

const DURATION = envInt('BENCH_DURATION', 10, 1, 600);
const CONNECTIONS = envInt('BENCH_CONNECTIONS', 32, 1, 1000);
const WARMUP = envInt('BENCH_WARMUP', 2, 0, 60);
const PROJECTS = envInt('BENCH_PROJECTS', 20, 1, 50);

type Worker = 'atoll' | 'hello' | 'helloDb';
type Credential = 'none' | 'tenant' | 'token' | 'key';

interface Target {
  label: string;
  worker: Worker;
  path: string;
  credential: Credential;
  /** The bare target this one is compared with, and the req/s ratio it should reach. */
  versus?: { label: string; goal?: number };
}

const HELLO = 'hono hello GET /';
const BARE_LIST = 'hono+pg GET /projects';
const LIST = '/api/v1/projects';
const TARGETS: Target[] = [
  { label: HELLO, worker: 'hello', path: '/', credential: 'none' },
  { label: 'atoll GET /health/live', worker: 'atoll', path: '/health/live', credential: 'none', versus: { label: HELLO, goal: 0.8 } },
  { label: 'atoll GET /api/v1/system/info', worker: 'atoll', path: '/api/v1/system/info', credential: 'none', versus: { label: HELLO } },
  { label: BARE_LIST, worker: 'helloDb', path: '/projects', credential: 'tenant' },
  { label: `atoll GET ${LIST} (token)`, worker: 'atoll', path: LIST, credential: 'token', versus: { label: BARE_LIST, goal: 0.7 } },
  { label: `atoll GET ${LIST} (API key)`, worker: 'atoll', path: LIST, credential: 'key', versus: { label: BARE_LIST, goal: 0.7 } },
];

const teardown = benchTeardown('bench');
// A hard upper bound: startup (three wrangler dev) plus every run with slack.
const budgetMs = 300_000 + TARGETS.length * (WARMUP + DURATION + 30) * 1_000;
setTimeout(() => {
  console.error(`[bench] exceeded its ${Math.round(budgetMs / 1000)} s budget; stopping`);
  void teardown.run().finally(() => process.exit(2));
}, budgetMs).unref();

const loadLine = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const versionOf = (pkg: string) => {
  try {
    return (JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown'; // workerd is a wrangler dependency; its location may differ
  }
};

/** Postgres, s3rver, Atoll and the two bare Workers (both reach the same Postgres). */
async function startWorkers(): Promise<Record<Worker, string>> {
  const dir = mkdtempSync(join(tmpdir(), 'atoll-bench-'));
  teardown.add('temp dir', async () => rmSync(dir, { recursive: true, force: true }));
  const s3 = await startS3({ dataDir: join(dir, 's3'), port: await freePort(), bucket: 'atoll-bench' });
  teardown.add('s3rver', () => s3.stop());
  // A long token lifetime: the token is minted once, before runs that can outlast the default 15 min.
  const vars = { APP_ENV: 'development', LOG_LEVEL: 'warn', AUTH_ACCESS_TOKEN_TTL: '86400', ...(await jwtKeyVars()) };
  const stack = await startWorkerStack({ s3Endpoint: s3.endpoint, s3Bucket: s3.bucket, vars });
  teardown.add('atoll stack', () => stack.stop());
  say(`postgres  127.0.0.1:${stack.postgres.port}; s3 ${s3.endpoint}; atoll ${stack.baseUrl}`);
  const bare = async (name: string, readyPath: string) => {
    const worker = await startWranglerDev({ databaseUrl: stack.postgres.url, vars: {}, config: join(root, `bench/${name}/wrangler.jsonc`), readyPath });
    teardown.add(`wrangler dev (${name})`, () => worker.stop());
    say(`${name.padEnd(9)} ${worker.url}`);
    return worker.url;
  };
  const urls = { atoll: stack.baseUrl, hello: await bare('hello', '/'), helloDb: await bare('hello-db', '/') };
  for (const url of Object.values(urls)) {
    if (!url.startsWith('http://127.0.0.1:')) throw new Error(`refusing to benchmark a non-loopback URL: ${url}`);
  }
  return urls;
}

/** A user who owns a tenant with PROJECTS projects, and a `projects:read` API key of it. */
async function seed(base: string): Promise<Record<Credential, Record<string, string>>> {
  const owner = await ownerWithTenant(base, 'bench-api');
  for (let i = 1; i <= PROJECTS; i++) {
    await api(base, 'POST', LIST, owner, { body: { name: `Bench project ${String(i).padStart(3, '0')}`, description: 'A project for the list benchmark' }, status: 201 });
  }
  const key = await api(base, 'POST', `/api/v1/tenants/${owner.tenant}/api-keys`, owner, { body: { name: 'bench', scopes: ['projects:read'] }, status: 201 });
  return {
    none: {},
    tenant: { 'x-tenant-id': owner.tenant },
    token: { authorization: `Bearer ${owner.token}`, 'x-tenant-id': owner.tenant },
    // Programs with a key send no tenant header: the key names its tenant.
    key: { authorization: `Bearer ${key.secret as string}` },
  };
}

/** Every target answers 200 before it is measured, and every list target lists the same projects. */
async function preflight(urls: Record<Worker, string>, headers: Record<Credential, Record<string, string>>) {
  let expected: string | undefined;
  for (const t of TARGETS) {
    const res = await fetch(urls[t.worker] + t.path, { headers: headers[t.credential] });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`${t.label} answered ${res.status}: ${body.slice(0, 500)}`);
    if (!t.path.endsWith('/projects')) continue;
    const ids = JSON.stringify((JSON.parse(body) as { items: { id: string }[] }).items.map((p) => p.id));
    expected ??= ids;
    if (ids !== expected || JSON.parse(ids).length !== PROJECTS) throw new Error(`${t.label} listed other projects than expected (${PROJECTS}): ${body.slice(0, 500)}`);
  }
}

async function main(): Promise<number> {
  const cpuList = cpus();
  say(`machine   ${cpuList.length} cpus (${cpuList[0]?.model.trim() ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, ${process.platform}/${process.arch}`);
  say(`runtime   node ${process.version}, wrangler ${versionOf('wrangler')} (dev, local workerd ${versionOf('workerd')})`);
  say(`load avg  ${loadLine()} (1/5/15 min) before start; other load skews the figures`);
  say(`settings  ${CONNECTIONS} connections, ${WARMUP} s warm-up + ${DURATION} s measured per target, ${PROJECTS} projects listed`);

  const urls = await startWorkers();
  const headers = await seed(urls.atoll);
  say(`seeded    a user with a tenant of ${PROJECTS} projects, an access token and a projects:read API key`);
  await preflight(urls, headers);
  teardown.add('autocannon', async () => stopCannon()); // added last, so stopped first

  const measured = new Map<string, CannonRun>();
  for (const t of TARGETS) {
    const run = { url: urls[t.worker] + t.path, connections: CONNECTIONS, headers: headers[t.credential] };
    if (WARMUP > 0) {
      say(`warm-up   ${t.label} (${WARMUP} s)`);
      await cannon({ ...run, seconds: WARMUP });
    }
    say(`measure   ${t.label} (${DURATION} s)`);
    measured.set(t.label, await cannon({ ...run, seconds: DURATION }));
  }
  say(`load avg  ${loadLine()} (1/5/15 min) after the runs`);

  const ratio = (t: Target, pick: (m: CannonRun) => number) => (t.versus ? `${fmt(pick(measured.get(t.label)!) / pick(measured.get(t.versus.label)!))}x` : '1.00x');
  console.log('');
  console.log(
    table(
      ['target', 'req/s', 'p50 ms', 'p99 ms', 'mean ms', 'responses', 'non-2xx', 'errors', 'compared with', 'req/s ratio', 'p99 ratio'],
      TARGETS.map((t) => {
        const m = measured.get(t.label)!;
        const errors = m.timeouts > 0 ? `${m.errors} (${m.timeouts} timeouts)` : String(m.errors);
        return [
          t.label,
          fmt(m.reqPerSec, 1),
          fmt(m.p50),
          fmt(m.p99),
          fmt(m.meanLatency),
          String(m.responses),
          String(m.non2xx),
          errors,
          t.versus?.label ?? '(baseline)',
          ratio(t, (x) => x.reqPerSec),
          ratio(t, (x) => x.p99),
        ];
      }),
    ),
  );
  console.log('');
  for (const t of TARGETS) {
    if (t.versus?.goal === undefined) continue;
    const value = measured.get(t.label)!.reqPerSec / measured.get(t.versus.label)!.reqPerSec;
    say(`goal      ${t.label} / ${t.versus.label}: ${fmt(value)}x req/s (goal >= ${fmt(t.versus.goal)}x) ${value >= t.versus.goal ? 'met' : 'NOT met'}`);
  }
  say(`req/s is autocannon's mean of per-second samples; latencies are exact per-response times (ms).`);

  const failed = TARGETS.filter((t) => measured.get(t.label)!.errors > 0 || measured.get(t.label)!.non2xx > 0);
  for (const t of failed) console.error(`[bench] FAIL ${t.label}: ${measured.get(t.label)!.errors} errors, ${measured.get(t.label)!.non2xx} non-2xx`);
  return failed.length > 0 ? 1 : 0;
}

let code = 1;
try {
  code = await main();
} catch (error) {
  console.error('[bench] failed:', error instanceof Error ? (error.stack ?? error.message) : error);
} finally {
  if (!teardown.signalled) {
    say('stopping…');
    await teardown.run();
    say('stopped');
  }
}
if (!teardown.signalled) process.exit(code);
