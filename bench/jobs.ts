// `npm run bench:jobs` (via bench/run.mjs): the job queue under load. Starts Postgres, s3rver and
// the Worker under `wrangler dev` on free loopback ports, then for each runner configuration in
// turn queues BENCH_JOBS trivial jobs through the API (in a tenant of its own) and drains them with
// that many runner loops (see jobs-drain.ts). Prints jobs/s and claim latency p50/p99 for each
// configuration and the checks that no job was claimed twice or lost. Stops everything at the end.
//
// The trivial job: the real `datasets.profile` type (declared by the datasets plugin) with a fresh
// random datasetId per job (distinct inputs, so none is served from the cache), run by a no-op
// handler that returns a valid empty profile. So each job costs exactly claim + result on the
// Worker, the same path every job takes, without reading a dataset.
//
// Env: BENCH_JOBS (per configuration, default 10000), BENCH_CONFIGS (comma-separated
// `<runners>x<slots per runner>`, run in order; default `8x4,32x1`: 8 runners of 4 slots, then
// 32 runners of 1 slot, both 32 runner slots).
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { JobsClient } from '../runner/client';
import { freePort } from '../scripts/lib/free-port';
import { startS3 } from '../scripts/lib/s3';
import { startWorkerStack } from '../scripts/lib/worker-stack';
import { api, ownerWithTenant, runnerKey } from '../test/node/runner-stack';
import { type DrainConfig, drainJobs } from './jobs-drain';
import { benchTeardown, envInt, fmt, jwtKeyVars, percentile, table } from './lib';

const say = (line: string) => console.log(`[bench:jobs] ${line}`);
const JOBS = envInt('BENCH_JOBS', 10_000, 1, 1_000_000);
const TYPE = 'datasets.profile';
const CREATE_IN_FLIGHT = 16;
/** The issue's goal, for the configurations with this many runners. */
const GOAL = { runners: 8, jobsPerSecond: 100 };

/** `8x4,32x1` → [{ runners: 8, slots: 4 }, { runners: 32, slots: 1 }]. */
function configsFromEnv(): (DrainConfig & { name: string })[] {
  if (process.env.BENCH_RUNNERS || process.env.BENCH_CONCURRENCY) throw new Error('BENCH_RUNNERS and BENCH_CONCURRENCY were replaced by BENCH_CONFIGS=<runners>x<slots>,… (e.g. 8x4)');
  const raw = process.env.BENCH_CONFIGS || '8x4,32x1';
  return raw.split(',').map((entry) => {
    const match = /^\s*(\d+)x(\d+)\s*$/.exec(entry);
    const runners = Number(match?.[1]);
    const slots = Number(match?.[2]);
    if (!match || runners < 1 || runners > 64 || slots < 1 || slots > 50) throw new Error(`BENCH_CONFIGS entries must be <runners 1-64>x<slots 1-50>, got "${entry}" in "${raw}"`);
    return { name: `${runners}x${slots}`, runners, slots };
  });
}
const CONFIGS = configsFromEnv();

const teardown = benchTeardown('bench:jobs');

interface Phase {
  config: DrainConfig & { name: string };
  queuedPerSecond: number;
  seconds: number;
  claims: number;
  emptyClaims: number;
  withResult: number;
  claimP50: number;
  claimP99: number;
  doubleClaims: number;
  twiceRunning: number;
  lost: number;
  failed: number;
  ok: boolean;
}

/** Queues JOBS jobs for `owner` (CREATE_IN_FLIGHT at a time); returns their ids and the rate. */
async function queueJobs(base: string, owner: { token: string; tenant: string }): Promise<{ created: Set<string>; perSecond: number }> {
  const start = performance.now();
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
  return { created, perSecond: created.size / ((performance.now() - start) / 1000) };
}

/** One configuration: its own tenant and key, JOBS jobs queued first, drained, then checked. */
async function runPhase(base: string, superuser: pg.Client, config: DrainConfig & { name: string }): Promise<Phase & { key: string }> {
  const owner = await ownerWithTenant(base, `bench-jobs-${config.name}`);
  const key = await runnerKey(base, owner);
  const { created, perSecond } = await queueJobs(base, owner);
  say(
    `${config.name.padEnd(6)} queued ${created.size.toLocaleString('en')} jobs (${Math.round(perSecond)} jobs/s through POST /api/v1/jobs, ${CREATE_IN_FLIGHT} in flight); draining with ${config.runners} runners x ${config.slots} slots`,
  );
  const drain = await drainJobs({ base, apiKey: key, type: TYPE, jobs: JOBS, config, name: config.name });

  // Ground truth from the database (as the superuser: the jobs tables are under row-level security).
  const statuses = (await superuser.query(`select status, count(*)::int as n, max(attempts)::int as max_attempts from jobs where tenant_id = $1 group by status`, [owner.tenant])).rows;
  const twiceRunning = (
    await superuser.query(`select count(*)::int as n from (select job_id from jobs_events where tenant_id = $1 and to_status = 'RUNNING' group by job_id having count(*) > 1) t`, [owner.tenant])
  ).rows[0].n as number;
  const perRunner = (await superuser.query(`select runner_id, count(*)::int as n from jobs where tenant_id = $1 group by runner_id order by length(runner_id), runner_id`, [owner.tenant])).rows;
  const succeeded = statuses.find((s) => s.status === 'SUCCEEDED')?.n ?? 0;
  const doubleClaims = [...drain.claimedBy.values()].filter((ids) => ids.length > 1).length;
  const lost = [...created].filter((id) => !drain.claimedBy.has(id)).length;
  const claims = [...drain.claimMs].sort((a, b) => a - b);
  const ok = succeeded === JOBS && doubleClaims === 0 && twiceRunning === 0 && lost === 0 && drain.failedReports === 0 && drain.reported === JOBS;
  say(`${config.name.padEnd(6)} drained in ${drain.seconds.toFixed(2)} s: ${Math.round(JOBS / drain.seconds)} jobs/s; statuses ${JSON.stringify(statuses)}`);
  say(`${config.name.padEnd(6)} per runner ${perRunner.map((r) => `${r.runner_id.replace(`bench-${config.name}-`, '')}:${r.n}`).join(' ')}`);
  return {
    config,
    key,
    queuedPerSecond: perSecond,
    seconds: drain.seconds,
    claims: claims.length,
    emptyClaims: drain.emptyClaims,
    withResult: drain.withResult,
    claimP50: percentile(claims, 50),
    claimP99: percentile(claims, 99),
    doubleClaims,
    twiceRunning,
    lost,
    failed: drain.failedReports,
    ok,
  };
}

async function main(): Promise<number> {
  const cpuList = cpus();
  say(
    `machine   ${cpuList.length} cpus (${cpuList[0]?.model.trim() ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB; load avg ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  say(`settings  ${JOBS} jobs per configuration; configurations ${CONFIGS.map((c) => c.name).join(', ')} (runners x slots)`);
  const dir = mkdtempSync(join(tmpdir(), 'atoll-bench-jobs-'));
  chmodSync(dir, 0o755);
  teardown.add('temp dir', async () => rmSync(dir, { recursive: true, force: true }));
  const s3 = await startS3({ dataDir: join(dir, 's3'), port: await freePort(), bucket: 'atoll-bench' });
  teardown.add('s3rver', () => s3.stop());
  // Job creation is write-limited per address (120 a minute by default): the bench queues thousands from one.
  const stack = await startWorkerStack({ s3Endpoint: s3.endpoint, s3Bucket: s3.bucket, vars: { APP_ENV: 'development', RATE_LIMIT_WRITES: '{"jobs":false}', ...(await jwtKeyVars('bench-jobs')) } });
  teardown.add('stack', () => stack.stop());
  const base = stack.baseUrl;
  say(`stack     postgres :${stack.postgres.port}, s3rver ${s3.endpoint}, wrangler dev ${base}`);
  const superuser = new pg.Client({ connectionString: stack.postgres.url.replace(/\/\/[^@]+@/, '//postgres:postgres@') });
  await superuser.connect();
  teardown.add('superuser connection', () => superuser.end());

  const phases: (Phase & { key: string })[] = [];
  for (const config of CONFIGS) phases.push(await runPhase(base, superuser, config));

  // Baseline: the same kind of key's cheapest authenticated worker call (a heartbeat for an unknown
  // assignment: auth, one indexed lookup, 404), to tell the claim's own cost from per-request cost.
  const baselineMs: number[] = [];
  const probe = new JobsClient({ url: base, apiKey: phases.at(-1)!.key, runnerId: 'bench-probe' });
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now();
    await probe.heartbeat(crypto.randomUUID()).catch(() => {});
    baselineMs.push(performance.now() - t0);
  }
  baselineMs.sort((a, b) => a - b);

  console.log('');
  console.log(
    table(
      [
        'runners x slots',
        'jobs',
        'drain s',
        'jobs/s',
        'claims (empty)',
        'claimed with a result',
        'claim p50 ms',
        'claim p99 ms',
        'double claims (runners / events)',
        'lost',
        'failed',
        'queued jobs/s',
      ],
      phases.map((p) => [
        p.config.name,
        String(JOBS),
        fmt(p.seconds),
        String(Math.round(JOBS / p.seconds)),
        `${p.claims} (${p.emptyClaims})`,
        String(p.withResult),
        fmt(p.claimP50, 1),
        fmt(p.claimP99, 1),
        `${p.doubleClaims} / ${p.twiceRunning}`,
        String(p.lost),
        String(p.failed),
        String(Math.round(p.queuedPerSecond)),
      ]),
    ),
  );
  console.log(`baseline authenticated call (heartbeat, unknown assignment → 404, sequential): p50 ${fmt(percentile(baselineMs, 50), 1)} ms, p99 ${fmt(percentile(baselineMs, 99), 1)} ms`);
  console.log('');
  for (const p of phases.filter((p) => p.config.runners === GOAL.runners)) {
    const rate = JOBS / p.seconds;
    say(`goal      ${p.config.name}: ${Math.round(rate)} jobs/s (goal >= ${GOAL.jobsPerSecond} with ${GOAL.runners} runners) ${rate >= GOAL.jobsPerSecond ? 'met' : 'NOT met'}`);
  }
  say(
    `load avg after ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const failed = phases.filter((p) => !p.ok);
  for (const p of failed) console.error(`[bench:jobs] CHECK FAILED (${p.config.name}): every job must succeed exactly once`);
  return failed.length > 0 ? 1 : 0;
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
