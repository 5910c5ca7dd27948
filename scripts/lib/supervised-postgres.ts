import { setTimeout as sleep } from 'node:timers/promises';
import { type LocalPostgres, type StartPostgresOptions, startPostgres } from './postgres';

export interface SupervisedPostgres {
  url: string;
  /** Stops restarting it, then stops the server that runs now. */
  stop(): Promise<void>;
}

/**
 * The dev stack's Postgres, started again (same port, same data) whenever its process exits while
 * `npm run dev` runs: a crash, a kill, `pg_ctl stop`. The Worker survives the outage (answering 503,
 * see socket-reset-guard.cjs) and serves again once the server is back, without a wrangler restart.
 * A failed restart (another server holds the port or the data dir) is retried every `retryMs`.
 */
export async function startSupervisedPostgres(options: StartPostgresOptions & { say: (line: string) => void; retryMs?: number }): Promise<SupervisedPostgres> {
  const retryMs = options.retryMs ?? 5_000;
  const stopping = new AbortController();
  let current: LocalPostgres = await startPostgres(options);
  let restarting: Promise<void> | undefined;

  const restart = async () => {
    options.say('postgres exited: restarting it (the Worker answers 503 until it is back)');
    for (let attempt = 1; !stopping.signal.aborted; attempt++) {
      try {
        await sleep(attempt === 1 ? 500 : retryMs, undefined, { signal: stopping.signal });
        current = await startPostgres(options);
        watch(current);
        options.say('postgres is back');
        return;
      } catch (error) {
        if (stopping.signal.aborted) return;
        if (attempt === 1) options.say(`postgres did not start again; retrying every ${retryMs / 1000} s. ${(error as Error).message}`);
      }
    }
  };
  const watch = (server: LocalPostgres) => {
    void server.exited.then(() => {
      if (!stopping.signal.aborted) restarting = restart();
    });
  };
  watch(current);

  return {
    url: current.url,
    stop: async () => {
      stopping.abort();
      await restarting;
      await current.stop();
    },
  };
}
