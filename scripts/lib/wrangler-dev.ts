import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

export interface WranglerDev {
  url: string;
  stop(): Promise<void>;
}

/**
 * Runs the Worker under `wrangler dev` (real workerd) on a loopback port with the given variables
 * and Postgres, independent of the developer's .dev.vars. Resolves once `readyPath` (default
 * `/health/live`) answers 2xx.
 */
export async function startWranglerDev(options: {
  port: number;
  databaseUrl: string;
  vars: Record<string, string>;
  config?: string;
  readyPath?: string;
}): Promise<WranglerDev> {
  const dir = mkdtempSync(join(tmpdir(), 'atoll-wrangler-'));
  const envFile = join(dir, 'vars.env');
  writeFileSync(envFile, Object.entries(options.vars).map(([k, v]) => `${k}=${v}`).join('\n'));
  const child = spawn(
    process.execPath,
    [
      // wrangler dev hosts miniflare's local Hyperdrive proxy too; see the guard for why.
      '--require', join(root, 'scripts/lib/socket-reset-guard.cjs'),
      join(root, 'node_modules/wrangler/bin/wrangler.js'), 'dev',
      '--config', options.config ?? join(root, 'wrangler.jsonc'),
      '--ip', '127.0.0.1', '--port', String(options.port),
      '--env-file', envFile, '--persist-to', join(dir, 'state'),
      '--log-level', 'warn', '--show-interactive-dev-session=false',
    ],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_HYPERDRIVE: options.databaseUrl,
        WRANGLER_SEND_METRICS: 'false',
        CLOUDFLARE_CF_FETCH_ENABLED: 'false',
      },
    },
  );
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${options.port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => {
        const timer = setTimeout(() => { child.kill('SIGKILL'); resolve(undefined); }, 5_000);
        child.once('exit', () => { clearTimeout(timer); resolve(undefined); });
      });
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const res = await fetch(`${url}${options.readyPath ?? '/health/live'}`);
      if (res.ok) return { url, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`wrangler dev did not become ready:\n${output.slice(-4000)}`);
}
