/** The Worker's cron trigger in wrangler.jsonc (test/node/package.test.ts checks they agree). */
export const DEV_CRON = '* * * * *';
/** How often DEV_CRON fires. */
export const DEV_CRON_EVERY_MS = 60_000;

export interface ScheduledTimer {
  /** Runs the scheduled handler now (or joins the run in progress); resolves whether it answered 2xx. */
  trigger(): Promise<boolean>;
  stop(): void;
}

export interface ScheduledTimerOptions {
  /** The Worker's origin under `wrangler dev --test-scheduled`. */
  url: string;
  cron?: string;
  everyMs?: number;
  /** The first run, shortly after start rather than a whole interval later. */
  firstAfterMs?: number;
  log?: (line: string) => void;
}

/**
 * `wrangler dev` never fires cron triggers, so locally nothing would sweep expired job leases or
 * dispatch ECS tasks. This calls the scheduled handler the way the trigger would, through the
 * `/__scheduled?cron=` route that `wrangler dev --test-scheduled` adds (wrangler 4.86.0's own
 * `/cdn-cgi/handler/scheduled` answers 500). A run is skipped while the previous one is still going;
 * a failure is logged and the timer keeps going.
 *
 * @example
 * const timer = startScheduledTimer({ url: 'http://127.0.0.1:8787', log: console.log });
 */
export function startScheduledTimer(options: ScheduledTimerOptions): ScheduledTimer {
  const cron = options.cron ?? DEV_CRON;
  const everyMs = options.everyMs ?? DEV_CRON_EVERY_MS;
  const log = options.log ?? ((line: string) => console.warn(line));
  const endpoint = `${options.url}/__scheduled?cron=${encodeURIComponent(cron)}`;
  let running: Promise<boolean> | undefined;
  let failing = false;

  const run = async (): Promise<boolean> => {
    try {
      const res = await fetch(endpoint, { signal: AbortSignal.timeout(Math.max(everyMs, 30_000)) });
      const text = await res.text();
      if (!res.ok) throw new Error(`${res.status} ${text.slice(0, 200)}`);
      if (failing) log(`scheduled (${cron}) runs again`);
      failing = false;
      return true;
    } catch (error) {
      failing = true;
      log(`scheduled (${cron}) failed: ${(error as Error).message}${(error as Error).cause ? ` (${String((error as Error).cause)})` : ''}`);
      return false;
    }
  };
  const trigger = () => (running ??= run().finally(() => (running = undefined)));
  const tick = () => void trigger();

  const first = setTimeout(tick, options.firstAfterMs ?? Math.min(5_000, everyMs));
  const interval = setInterval(tick, everyMs);
  return {
    trigger,
    stop: () => {
      clearTimeout(first);
      clearInterval(interval);
    },
  };
}
