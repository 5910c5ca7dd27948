// The Worker under `wrangler dev` with its own throwaway embedded Postgres (every migration applied),
// on free loopback ports, for browser tests, end-to-end tests and benchmarks.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port';
import { localS3Vars } from './local-s3-vars';
import { applyMigrations, installedMigrationSets } from './migrate';
import { cloneDatabase, type LocalPostgres, startPostgres } from './postgres';
import type { ScheduledTimer } from './scheduled-timer';
import { startWranglerDev, type WranglerDev } from './wrangler-dev';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

export interface WorkerStack {
  /** The Worker's origin, e.g. `http://127.0.0.1:40123`. */
  baseUrl: string;
  postgres: LocalPostgres;
  /** The cron timer (scheduled-timer.ts), when started with `scheduled`. */
  scheduled?: ScheduledTimer;
  /** The last output of wrangler and the Worker, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts Postgres (or copies `database.template`) and the Worker against the given S3 endpoint;
 * `vars` are added to (and override) `APP_ENV=test`, `LOG_LEVEL=warn`, `AUTH_REGISTRATION=open` and
 * the S3 settings. `scheduled` runs the Worker's scheduled handler on a timer, as `npm run dev`
 * does (off unless given). `config` is another wrangler.jsonc to run (a benchmark's copy of the
 * source tree; default: this checkout's).
 *
 * @example
 * const stack = await startWorkerStack({ s3Endpoint, s3Bucket: 'atoll-test', vars: {}, scheduled: { everyMs: 1_000 } });
 */
export async function startWorkerStack(options: {
  s3Endpoint: string;
  s3Bucket: string;
  vars: Record<string, string>;
  scheduled?: Parameters<typeof startWranglerDev>[0]['scheduled'];
  config?: string;
  /** A migrated template database on a running server to copy, instead of a server of its own. */
  database?: { port: number; template: string };
}): Promise<WorkerStack> {
  const dir = mkdtempSync(join(tmpdir(), 'atoll-stack-'));
  chmodSync(dir, 0o755); // as root, Postgres runs as its own user and must reach its data dir
  let postgres: LocalPostgres | undefined;
  let worker: WranglerDev | undefined;
  const stop = async () => {
    await worker?.stop();
    await postgres?.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    if (options.database) {
      postgres = await cloneDatabase(options.database.port, options.database.template);
    } else {
      postgres = await startPostgres({ dataDir: join(dir, 'postgres'), port: await freePort(), persistent: false });
      await applyMigrations(postgres.url, await installedMigrationSets(root));
    }
    worker = await startWranglerDev({
      databaseUrl: postgres.url,
      config: options.config,
      vars: { APP_ENV: 'test', LOG_LEVEL: 'warn', AUTH_REGISTRATION: 'open', ...localS3Vars(options.s3Endpoint, options.s3Bucket), ...options.vars },
      scheduled: options.scheduled,
    });
    return { baseUrl: worker.url, postgres, scheduled: worker.scheduled, output: worker.output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
