// What every benchmark needs around its measurement: integer settings from the environment, and a
// teardown that stops what it started in reverse order, once, on success, error or signal.
import { onShutdown } from '../scripts/lib/shutdown';

/** `name` from the environment as an integer within [min, max], or `fallback` when unset. */
export function envInt(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  return n;
}

/**
 * Registers stops as pieces start; `run()` stops them last-first (once). A signal runs it and
 * exits 130; `signalled` tells the benchmark not to report or exit itself.
 *
 * @example
 * const teardown = benchTeardown('bench:ingest');
 * teardown.add('postgres', () => postgres.stop());
 */
export function benchTeardown(label: string) {
  const steps: { name: string; fn: () => Promise<void> }[] = [];
  let running: Promise<void> | undefined;
  let signalled = false;
  const run = () =>
    (running ??= (async () => {
      for (const { name, fn } of steps.reverse()) await fn().catch((error: unknown) => console.error(`[${label}] stopping ${name} failed: ${String(error)}`));
    })());
  onShutdown((signal) => {
    signalled = true;
    console.log(`[${label}] ${signal}: stopping…`);
    void run().finally(() => process.exit(130));
  });
  return {
    add: (name: string, fn: () => Promise<void>) => void steps.push({ name, fn }),
    run,
    get signalled() {
      return signalled;
    },
  };
}
