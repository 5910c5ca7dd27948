import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port';
import { type ScheduledTimer, type ScheduledTimerOptions, startScheduledTimer } from './scheduled-timer';
import { spawnWrangler } from './wrangler-process';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

export interface WranglerDev {
  url: string;
  /** The cron timer, when started with `scheduled`. */
  scheduled?: ScheduledTimer;
  /** The last 20,000 characters wrangler and the Worker printed, for failure messages. */
  output(): string;
  /** How wrangler ended (`exit code 1`, `signal SIGKILL`), waiting up to `waitMs` for it; `running` if it has not. */
  ended(waitMs?: number): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Runs the Worker under `wrangler dev` (real workerd) on a free loopback port with the given
 * variables and Postgres, independent of the developer's .dev.vars. Resolves once `readyPath`
 * (default `/health/live`) answers 2xx. With `scheduled`, the scheduled handler also runs on a timer
 * as under `npm run dev` (scheduled-timer.ts); tests pass a short `everyMs`.
 *
 * A port found free can still be taken by another process before wrangler listens on it; wrangler
 * then exits with "Address already in use", and this starts it again on other ports.
 */
export async function startWranglerDev(options: StartOptions): Promise<WranglerDev> {
  for (let attempt = 1; ; attempt++) {
    const started = await startOnce(options, await freePort(), await freePort());
    if ('url' in started) return started;
    if (!started.portTaken || attempt === 3) throw new Error(`wrangler dev did not become ready:\n${started.output.slice(-4000)}`);
  }
}

interface StartOptions {
  databaseUrl: string;
  vars: Record<string, string>;
  config?: string;
  readyPath?: string;
  scheduled?: Pick<ScheduledTimerOptions, 'everyMs' | 'firstAfterMs' | 'log'>;
}

async function startOnce(options: StartOptions, port: number, inspectorPort: number): Promise<WranglerDev | { output: string; portTaken: boolean }> {
  const dir = mkdtempSync(join(tmpdir(), 'atoll-wrangler-'));
  const envFile = join(dir, 'vars.env');
  writeFileSync(
    envFile,
    Object.entries(options.vars)
      .map(([k, v]) => `${k}=${v}`)
      .join('\n'),
  );
  const wrangler = spawnWrangler(
    [
      '--config',
      options.config ?? join(root, 'wrangler.jsonc'),
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      // Its own devtools port: the default (9229) is taken by whichever stack started first when
      // test files start stacks side by side.
      '--inspector-port',
      String(inspectorPort),
      '--env-file',
      envFile,
      '--persist-to',
      join(dir, 'state'),
      '--log-level',
      'warn',
      '--show-interactive-dev-session=false',
      ...(options.scheduled ? ['--test-scheduled'] : []),
    ],
    { stdout: 'pipe', env: { CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_HYPERDRIVE: options.databaseUrl } },
  );
  const { child } = wrangler;
  let output = '';
  const collect = (d: Buffer) => (output = (output + d.toString()).slice(-20_000));
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const closed = new Promise((r) => child.once('close', r));
  const url = `http://127.0.0.1:${port}`;
  let scheduled: ScheduledTimer | undefined;
  const stop = async () => {
    scheduled?.stop();
    await wrangler.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  const ended = async (waitMs = 0) => {
    // 'close' comes after the last of its output has been read; 'exit' may come before.
    if (waitMs > 0) await Promise.race([closed, new Promise((r) => setTimeout(r, waitMs))]);
    if (child.signalCode !== null) return `signal ${child.signalCode}`;
    return child.exitCode !== null ? `exit code ${child.exitCode}` : 'running';
  };
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) break;
    try {
      // Bounded: whatever else holds the port may accept and never answer.
      const res = await fetch(`${url}${options.readyPath ?? '/health/live'}`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) {
        if (options.scheduled) scheduled = startScheduledTimer({ url, ...options.scheduled });
        return { url, scheduled, output: () => output, ended, stop };
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  return { output, portTaken: output.includes('Address already in use') };
}
