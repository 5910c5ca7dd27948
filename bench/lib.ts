// What every benchmark needs around its measurement: integer settings from the environment, a
// teardown that stops what it started in reverse order, once, on success, error or signal,
// percentiles and tables, signing keys for a Worker that issues access tokens, and what machine
// (and how busy) the figures come from.
import { cpus, loadavg, totalmem } from 'node:os';
import { exportJWK, generateKeyPair } from 'jose';
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

export type BenchTeardown = ReturnType<typeof benchTeardown>;

/** `2 cpus (model), 23 GiB, node v22…`: the machine behind the figures. */
export function machine(): string {
  const list = cpus();
  return `${list.length} cpus (${list[0]?.model.trim() ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`;
}

/** The 1, 5 and 15 minute load averages: other work on the machine skews latencies. */
export const loadAverage = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/** The value at percentile `p` (0-100) of ascending `sorted` (nearest rank), or NaN when empty. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Worker vars with a fresh ES256 signing key, so the auth plugin issues access tokens. */
export async function jwtKeyVars(kid = `bench-${Date.now().toString(36)}`): Promise<Record<string, string>> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const common = { kid, alg: 'ES256', use: 'sig' };
  return {
    AUTH_JWT_PRIVATE_KEY: JSON.stringify({ ...(await exportJWK(privateKey)), ...common }),
    AUTH_JWT_PUBLIC_KEYS: JSON.stringify([{ ...(await exportJWK(publicKey)), ...common }]),
  };
}

/** A plain-text table: first column left-aligned, the rest right-aligned. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** `n` with `digits` decimals, or `n/a` when it is not a finite number. */
export const fmt = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
