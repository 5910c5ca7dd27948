// `npm run bench:ingest` (via bench/run.mjs): ingestion throughput of a 1,000,000-row metric CSV
// under `wrangler dev` (local queue, Hyperdrive proxy, embedded Postgres, s3rver), side by side with
// psql's \copy of the same rows into the same table. Starts everything on free loopback ports with
// throwaway data, prints rows/s for both and the ratio, and stops everything.
//
// Env: BENCH_ROWS (default 1000000).
import { spawnSync } from 'node:child_process';
import { chmodSync, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exportJWK, generateKeyPair } from 'jose';
import pg from 'pg';
import { freePort } from '../scripts/lib/free-port';
import { localS3Vars } from '../scripts/lib/local-s3-vars';
import { applyMigrations, installedMigrationSets } from '../scripts/lib/migrate';
import { startPostgres } from '../scripts/lib/postgres';
import { startS3 } from '../scripts/lib/s3';
import { startWranglerDev } from '../scripts/lib/wrangler-dev';
import { benchTeardown } from './lib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const say = (line: string) => console.log(`[bench:ingest] ${line}`);
const ROWS = Number(process.env.BENCH_ROWS || 1_000_000);
if (!Number.isInteger(ROWS) || ROWS < 1 || ROWS > 20_000_000) throw new Error(`BENCH_ROWS must be an integer from 1 to 20000000, got "${process.env.BENCH_ROWS}"`);
const METRICS = ['cpu', 'mem', 'disk_read', 'disk_write', 'net_in', 'net_out', 'load1', 'load5', 'temp', 'fan'];
const START_MS = Date.UTC(2024, 0, 1);

const teardown = benchTeardown('bench:ingest');

/** Writes the metric CSV (metric,value,timestamp) and, for COPY, the same rows with the two id columns in front. */
async function generate(file: string, copyFile: string, tenantId: string, datasetId: string): Promise<void> {
  const out = createWriteStream(file);
  const copy = createWriteStream(copyFile);
  const write = (stream: ReturnType<typeof createWriteStream>, text: string) => (stream.write(text) ? Promise.resolve() : new Promise<void>((r) => stream.once('drain', () => r())));
  await write(out, 'metric,value,timestamp\n');
  let chunk = '';
  let copyChunk = '';
  for (let i = 0; i < ROWS; i++) {
    const line = `${METRICS[i % METRICS.length]},${((i * 7919) % 100000) / 100},${new Date(START_MS + i * 1000).toISOString()}\n`;
    chunk += line;
    copyChunk += `${tenantId},${datasetId},${line}`;
    if (chunk.length > 1 << 20) {
      await write(out, chunk);
      await write(copy, copyChunk);
      chunk = copyChunk = '';
    }
  }
  await write(out, chunk);
  await write(copy, copyChunk);
  await Promise.all([new Promise((r) => out.end(r)), new Promise((r) => copy.end(r))]);
}

async function api(base: string, path: string, init: { method?: string; token?: string; tenant?: string; body?: unknown } = {}) {
  const res = await fetch(base + path, {
    method: init.method ?? 'GET',
    headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...(init.tenant ? { 'x-tenant-id': init.tenant } : {}) },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${init.method ?? 'GET'} ${path} -> ${res.status}: ${text.slice(0, 500)}`);
  return text ? JSON.parse(text) : null;
}

async function main(): Promise<number> {
  const cpuList = cpus();
  say(
    `machine   ${cpuList.length} cpus (${cpuList[0]?.model.trim() ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB; load avg ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'atoll-bench-ingest-'));
  chmodSync(dir, 0o755);
  teardown.add('temp dir', async () => rmSync(dir, { recursive: true, force: true }));
  const postgres = await startPostgres({ dataDir: join(dir, 'postgres'), port: await freePort(), persistent: false });
  teardown.add('postgres', () => postgres.stop());
  await applyMigrations(postgres.url, await installedMigrationSets(root));
  const s3 = await startS3({ dataDir: join(dir, 's3'), port: await freePort(), bucket: 'atoll-bench' });
  teardown.add('s3rver', () => s3.stop());
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = { kid: 'bench-ingest', alg: 'ES256', use: 'sig' };
  const worker = await startWranglerDev({
    databaseUrl: postgres.url,
    vars: {
      APP_ENV: 'development',
      LOG_LEVEL: 'warn',
      AUTH_REGISTRATION: 'open',
      AUTH_JWT_PRIVATE_KEY: JSON.stringify({ ...(await exportJWK(privateKey)), ...jwk }),
      AUTH_JWT_PUBLIC_KEYS: JSON.stringify([{ ...(await exportJWK(publicKey)), ...jwk }]),
      ...localS3Vars(s3.endpoint, s3.bucket),
    },
  });
  teardown.add('wrangler dev', () => worker.stop());
  const base = worker.url;
  say(`stack     postgres :${postgres.port}, s3rver ${s3.endpoint}, wrangler dev ${base}`);

  const email = `bench-${Date.now()}@example.com`;
  const password = 'a long enough bench passphrase';
  await api(base, '/api/v1/auth/register', { method: 'POST', body: { email, password, name: 'Bench' } });
  const { accessToken: token } = await api(base, '/api/v1/auth/login', { method: 'POST', body: { email, password } });
  const tenant = (await api(base, '/api/v1/tenants', { method: 'POST', token, body: { name: 'Bench', slug: `bench-${Date.now()}` } })).id as string;
  const copyTarget = (await api(base, '/api/v1/datasets', { method: 'POST', token, tenant, body: { name: 'copy_target', kind: 'metric', format: 'csv' } })).dataset.id as string;

  const file = join(dir, 'metrics.csv');
  const copyFile = join(dir, 'metrics-copy.csv');
  await generate(file, copyFile, tenant, copyTarget);
  const size = statSync(file).size;
  say(`file      ${ROWS.toLocaleString('en')} rows, ${(size / 2 ** 20).toFixed(1)} MiB`);

  // COPY first, as the superuser (COPY FROM refuses tables under forced row-level security), then
  // empty the table so both runs write into the same empty table with the same indexes.
  const admin = postgres.url.replace(/\/\/[^@]+@/, '//postgres:postgres@');
  const copyStart = performance.now();
  const psql = spawnSync('psql', [admin, '-v', 'ON_ERROR_STOP=1', '-c', `\\copy datasets_metric_points (tenant_id, dataset_id, metric, value, ts) from '${copyFile}' with (format csv)`], {
    encoding: 'utf8',
  });
  const copySeconds = (performance.now() - copyStart) / 1000;
  if (psql.status !== 0) throw new Error(`psql failed: ${psql.stderr}`);
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  const copied = Number((await client.query('select count(*) from datasets_metric_points')).rows[0].count);
  if (copied !== ROWS) throw new Error(`COPY stored ${copied} rows, expected ${ROWS}`);
  await client.query('truncate datasets_metric_points');
  await client.query('vacuum analyze datasets_metric_points');

  const created = await api(base, '/api/v1/datasets', { method: 'POST', token, tenant, body: { name: 'bench_metrics', kind: 'metric', format: 'csv', size } });
  const put = await fetch(created.upload.url, {
    method: 'PUT',
    headers: created.upload.headers,
    body: (await import('node:fs')).createReadStream(file) as unknown as BodyInit,
    duplex: 'half',
  } as RequestInit);
  if (put.status !== 200) throw new Error(`upload failed: ${put.status} ${await put.text()}`);
  const id = created.dataset.id as string;
  const ingestStart = performance.now();
  await api(base, `/api/v1/datasets/${id}/ingest`, { method: 'POST', token, tenant });
  let dataset: { status: string; rowCount: number; skippedCount: number; error: string | null };
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    dataset = await api(base, `/api/v1/datasets/${id}`, { token, tenant });
    if (dataset.status === 'ready' || dataset.status === 'error') break;
    if (Date.now() > deadline) throw new Error(`still ${dataset.status} after 10 minutes`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const ingestSeconds = (performance.now() - ingestStart) / 1000;
  if (dataset.status !== 'ready' || dataset.rowCount !== ROWS) throw new Error(`ingestion ended ${dataset.status} with ${dataset.rowCount} rows: ${dataset.error}`);
  const stored = Number((await client.query('select count(*) from datasets_metric_points where dataset_id = $1', [id])).rows[0].count);
  await client.end();
  if (stored !== ROWS) throw new Error(`ingestion stored ${stored} rows, expected ${ROWS}`);

  const copyRate = ROWS / copySeconds;
  const ingestRate = ROWS / ingestSeconds;
  console.log('');
  console.log(`run                                   seconds      rows/s`);
  console.log(`psql \\copy (superuser, same table)  ${copySeconds.toFixed(2).padStart(9)}  ${Math.round(copyRate).toLocaleString('en').padStart(10)}`);
  console.log(`atoll ingest call -> ready           ${ingestSeconds.toFixed(2).padStart(9)}  ${Math.round(ingestRate).toLocaleString('en').padStart(10)}`);
  console.log(`ratio atoll / COPY                   ${(ingestRate / copyRate).toFixed(2).padStart(9)}`);
  console.log('');
  say(
    `load avg after ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  return 0;
}

let code = 1;
try {
  code = await main();
} catch (error) {
  console.error('[bench:ingest] failed:', error instanceof Error ? (error.stack ?? error.message) : error);
} finally {
  if (!teardown.signalled) await teardown.run();
}
if (!teardown.signalled) process.exit(code);
