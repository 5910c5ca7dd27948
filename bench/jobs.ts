// `npm run bench:jobs` (via bench/run.mjs): the job queue under load. Starts Postgres, s3rver and
// the Worker under `wrangler dev` on free loopback ports, queues BENCH_JOBS trivial jobs through
// the API, then drains them with BENCH_RUNNERS runner loops (the runner's own Runner and
// JobsClient, each with its own runner id, over HTTP) and prints jobs/s, claim latency p50/p99
// and the checks that no job was claimed twice or lost. Stops everything at the end.
//
// The trivial job: the real `datasets.profile` type (declared by the datasets plugin) with a fresh
// random datasetId per job (distinct inputs, so none is served from the cache), run by a no-op
// handler that returns a valid empty profile. So each job costs exactly claim + result on the
// Worker, the same path every job takes, without reading a dataset.
//
// Env: BENCH_JOBS (default 10000), BENCH_RUNNERS (8), BENCH_CONCURRENCY (jobs per runner, 4).
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';
import pg from 'pg';
import { JobsClient, type ClaimedJob, type JobOutcome } from '../runner/client';
import { Runner } from '../runner/runner';
import { freePort } from '../scripts/lib/free-port';
import { startS3 } from '../scripts/lib/s3';
import { api, ownerWithTenant, runnerKey } from '../test/node/runner-stack';
import { startWorkerStack } from '../scripts/lib/worker-stack';
import { benchTeardown } from './lib';

const say = (line: string) => console.log(`[bench:jobs] ${line}`);
const intEnv = (name: string, fallback: number, max: number) => {
  const n = Number(process.env[name] || fallback);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`${name} must be an integer from 1 to ${max}, got "${process.env[name]}"`);
  return n;
};
const JOBS = intEnv('BENCH_JOBS', 10_000, 1_000_000);
const RUNNERS = intEnv('BENCH_RUNNERS', 8, 64);
const CONCURRENCY = intEnv('BENCH_CONCURRENCY', 4, 50);
const TYPE = 'datasets.profile';
const CREATE_IN_FLIGHT = 16;

const teardown = benchTeardown('bench:jobs');

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

async function main(): Promise<number> {
  const cpuList = cpus();
  say(`machine   ${cpuList.length} cpus (${cpuList[0]?.model.trim() ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB; load avg ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const dir = mkdtempSync(join(tmpdir(), 'atoll-bench-jobs-'));
  chmodSync(dir, 0o755);
  teardown.add('temp dir', async () => rmSync(dir, { recursive: true, force: true }));
  const s3 = await startS3({ dataDir: join(dir, 's3'), port: await freePort(), bucket: 'atoll-bench' });
  teardown.add('s3rver', () => s3.stop());
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = { kid: 'bench-jobs', alg: 'ES256', use: 'sig' };
  const stack = await startWorkerStack({
    s3Endpoint: s3.endpoint,
    s3Bucket: s3.bucket,
    vars: {
      APP_ENV: 'development',
      AUTH_JWT_PRIVATE_KEY: JSON.stringify({ ...(await exportJWK(privateKey)), ...jwk }),
      AUTH_JWT_PUBLIC_KEYS: JSON.stringify([{ ...(await exportJWK(publicKey)), ...jwk }]),
    },
  });
  teardown.add('stack', () => stack.stop());
  const base = stack.baseUrl;
  say(`stack     postgres :${stack.postgres.port}, s3rver ${s3.endpoint}, wrangler dev ${base}`);

  const owner = await ownerWithTenant(base, 'bench-jobs');
  const key = await runnerKey(base, owner);

  // Queue every job first, so the drain measures claiming and reporting only.
  const createStart = performance.now();
  const created = new Set<string>();
  let next = 0;
  await Promise.all(
    Array.from({ length: CREATE_IN_FLIGHT }, async () => {
      while (next < JOBS) {
        next++;
        const job = await api(base, 'POST', '/api/v1/jobs', owner, { body: { type: TYPE, input: { datasetId: crypto.randomUUID() } }, status: 201 });
        created.add(job.id);
      }
    }),
  );
  const createSeconds = (performance.now() - createStart) / 1000;
  say(`queued    ${created.size.toLocaleString('en')} jobs in ${createSeconds.toFixed(1)} s (${Math.round(created.size / createSeconds)} jobs/s through POST /api/v1/jobs, ${CREATE_IN_FLIGHT} in flight)`);

  const claimMs: number[] = [];
  let emptyClaims = 0;
  const claimedBy = new Map<string, string[]>();
  let reported = 0;
  let failed = 0;
  let allDone!: () => void;
  const drained = new Promise<void>((resolve) => (allDone = resolve));
  const text = (f: Record<string, unknown> = {}) => Object.entries(f).map(([k, v]) => `${k}=${v instanceof Error ? v.message : JSON.stringify(v)}`).join(' ');
  const quiet = { info: () => {}, warn: (m: string, f?: Record<string, unknown>) => console.warn(`[bench:jobs] ${m} ${text(f)}`), error: (m: string, f?: Record<string, unknown>) => console.error(`[bench:jobs] ${m} ${text(f)}`) };

  const runners = Array.from({ length: RUNNERS }, (_, r) => {
    const runnerId = `bench-runner-${r + 1}`;
    const http = new JobsClient({ url: base, apiKey: key, runnerId });
    // The runner's client, timing each claim and recording who got which job.
    const client = {
      claim: async (types: string[], max: number): Promise<ClaimedJob[]> => {
        const t0 = performance.now();
        const jobs = await http.claim(types, max);
        claimMs.push(performance.now() - t0);
        if (jobs.length === 0) emptyClaims++;
        for (const job of jobs) claimedBy.set(job.jobId, [...(claimedBy.get(job.jobId) ?? []), runnerId]);
        return jobs;
      },
      heartbeat: (id: string) => http.heartbeat(id),
      release: (id: string) => http.release(id),
      report: async (id: string, outcome: JobOutcome) => {
        await http.report(id, outcome);
        if (outcome.status !== 'SUCCEEDED') failed++;
        if (++reported >= JOBS) allDone();
      },
      resource: http.resource.bind(http),
      upload: http.upload.bind(http),
    };
    return new Runner({ client, handlers: { [TYPE]: async () => ({ rowCount: 0, columns: [], files: [] }) }, types: [TYPE], concurrency: CONCURRENCY, pollMs: 50, idleExitSeconds: 0, graceSeconds: 30, log: quiet });
  });

  const drainStart = performance.now();
  const loops = runners.map((r) => r.run());
  const timeout = setTimeout(() => allDone(), 20 * 60_000);
  await drained;
  clearTimeout(timeout);
  const drainSeconds = (performance.now() - drainStart) / 1000;
  await Promise.all(runners.map((r) => r.stop()));
  await Promise.all(loops);

  // Baseline: the same key's cheapest authenticated worker call (a heartbeat for an unknown
  // assignment: auth, one indexed lookup, 404), to tell the claim's own cost from per-request cost.
  const baselineMs: number[] = [];
  const probe = new JobsClient({ url: base, apiKey: key, runnerId: 'bench-probe' });
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now();
    await probe.heartbeat(crypto.randomUUID()).catch(() => {});
    baselineMs.push(performance.now() - t0);
  }
  baselineMs.sort((a, b) => a - b);

  // Ground truth from the database (as the superuser: the jobs tables are under row-level security).
  const client = new pg.Client({ connectionString: stack.postgres.url.replace(/\/\/[^@]+@/, '//postgres:postgres@') });
  await client.connect();
  const statuses = (await client.query(`select status, count(*)::int as n, max(attempts)::int as max_attempts from jobs where tenant_id = $1 group by status`, [owner.tenant])).rows;
  const twiceRunning = (await client.query(`select count(*)::int as n from (select job_id from jobs_events where tenant_id = $1 and to_status = 'RUNNING' group by job_id having count(*) > 1) t`, [owner.tenant])).rows[0].n as number;
  const perRunner = (await client.query(`select runner_id, count(*)::int as n from jobs where tenant_id = $1 group by runner_id order by runner_id`, [owner.tenant])).rows;
  await client.end();

  const succeeded = statuses.find((s) => s.status === 'SUCCEEDED')?.n ?? 0;
  const doubleClaims = [...claimedBy.values()].filter((ids) => ids.length > 1).length;
  const lost = [...created].filter((id) => !claimedBy.has(id)).length;
  const sorted = [...claimMs].sort((a, b) => a - b);
  console.log('');
  console.log(`jobs ${JOBS}, runners ${RUNNERS} x concurrency ${CONCURRENCY}, drained in ${drainSeconds.toFixed(2)} s: ${Math.round(JOBS / drainSeconds)} jobs/s`);
  console.log(`claim latency (${claimMs.length} claims, ${emptyClaims} empty): p50 ${quantile(sorted, 0.5).toFixed(1)} ms, p99 ${quantile(sorted, 0.99).toFixed(1)} ms, max ${sorted.at(-1)?.toFixed(1)} ms`);
  console.log(`baseline authenticated call (heartbeat, unknown assignment → 404, sequential): p50 ${quantile(baselineMs, 0.5).toFixed(1)} ms, p99 ${quantile(baselineMs, 0.99).toFixed(1)} ms`);
  console.log(`statuses ${JSON.stringify(statuses)}`);
  console.log(`per runner ${perRunner.map((r) => `${r.runner_id}:${r.n}`).join(' ')}`);
  console.log(`double claims: runner side ${doubleClaims}, jobs_events (RUNNING twice) ${twiceRunning}; lost (never claimed) ${lost}; failed reports ${failed}`);
  console.log('');
  say(`load avg after ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const ok = succeeded === JOBS && doubleClaims === 0 && twiceRunning === 0 && lost === 0 && failed === 0 && reported === JOBS;
  if (!ok) console.error('[bench:jobs] CHECK FAILED: every job must succeed exactly once');
  return ok ? 0 : 1;
}

let code = 1;
try {
  code = await main();
} catch (error) {
  console.error('[bench:jobs] failed:', error instanceof Error ? (error.stack ?? error.message) : error);
} finally {
  if (!teardown.signalled) await teardown.run();
}
if (!teardown.signalled) process.exit(code);
