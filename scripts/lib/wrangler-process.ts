import { type ChildProcess, type StdioOptions, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

export interface WranglerProcess {
  child: ChildProcess;
  /** SIGTERM to wrangler, SIGKILL after `graceMs`, then SIGKILL to whatever of its group is left. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Spawns `wrangler dev <args>` (offline, with the socket guard loaded) as the leader of a process
 * group of its own, so its workerd children can be killed with it: they are not killed when wrangler
 * dies, and an orphaned workerd keeps the Worker's port and answers nothing. The group is killed
 * when wrangler exits by itself, on `stop()`, and when this process exits.
 *
 * Being in another process group, wrangler cannot read the terminal: stdin is never inherited (pass
 * `--show-interactive-dev-session=false`); the caller owns Ctrl-C and calls `stop()`.
 */
export function spawnWrangler(args: string[], options: { stdout: 'inherit' | 'pipe'; env?: Record<string, string> }): WranglerProcess {
  const stdio: StdioOptions = ['ignore', options.stdout, options.stdout];
  const child = spawn(
    process.execPath,
    // wrangler dev hosts miniflare's local Hyperdrive proxy too; see the guard for why.
    ['--require', join(root, 'scripts/lib/socket-reset-guard.cjs'), join(root, 'node_modules/wrangler/bin/wrangler.js'), 'dev', ...args],
    {
      cwd: root,
      detached: true,
      stdio,
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', ...options.env },
    },
  );
  const killGroup = () => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // the group is gone already (ESRCH)
    }
  };
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', () => resolve()); // could not spawn: there is no 'exit'
  });
  void exited.then(killGroup);
  process.once('exit', killGroup);
  const stop = async (graceMs = 5_000) => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    }
    killGroup();
    process.removeListener('exit', killGroup);
  };
  return { child, stop };
}
