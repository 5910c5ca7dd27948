import { setTimeout as sleep } from 'node:timers/promises';
import type { HandlerContext } from './types';

/** Longest sleep a noop job may ask for (its lease must outlast it). */
const MAX_SLEEP_MS = 600_000;

/**
 * `jobs.noop` {sleepMs?}: does nothing (after sleeping `sleepMs`, abortable) and returns {ok: true}.
 * For the jobs benchmark and for testing runners and shutdown.
 */
export async function noop(ctx: HandlerContext): Promise<{ ok: true }> {
  const sleepMs = Math.min(Number((ctx.job.input as { sleepMs?: number } | null)?.sleepMs ?? 0) || 0, MAX_SLEEP_MS);
  if (sleepMs > 0) await sleep(sleepMs, undefined, { signal: ctx.signal });
  return { ok: true };
}
