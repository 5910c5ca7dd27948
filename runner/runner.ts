import { ApiError, type JobsApi } from './client';
import type { JobHandler } from './handlers/types';
import type { Log } from './log';
import { type RunningJob, runJob } from './run-job';

export interface RunnerOptions {
  client: JobsApi;
  handlers: Record<string, JobHandler>;
  /** Types to claim; each must have a handler. */
  types: string[];
  concurrency: number;
  pollMs: number;
  /** 0 = never. */
  idleExitSeconds: number;
  graceSeconds: number;
  log: Log;
}

/** How `run()` ended. */
export type StopReason = 'signal' | 'idle';

/**
 * The claim loop: keeps up to `concurrency` jobs running, claiming only as many as it has free
 * slots (so a claimed job never waits in this process while its lease runs), polls every `pollMs`
 * when there is no work, and exits when idle for `idleExitSeconds`. `stop()` stops claiming and
 * waits for running jobs up to the grace period, then aborts the rest (they are released: see
 * run-job.ts). A claim refused with 400, 401 or 403 (unknown type, bad key, missing `jobs:work`
 * scope) stops the runner and rejects `run()`: retrying cannot help.
 *
 * @example
 * const runner = new Runner({ client, handlers, types, concurrency: 2, pollMs: 1000, idleExitSeconds: 0, graceSeconds: 25, log });
 * process.on('SIGTERM', () => runner.stop());
 * await runner.run();
 */
export class Runner {
  private readonly running = new Map<string, RunningJob>();
  /** Slots the claims in flight may fill: the loop's, and those sent with results. */
  private claiming = 0;
  /** Running jobs whose result is being reported: their slots are spoken for by `claiming`. */
  private readonly finishing = new Set<string>();
  private stopping = false;
  private wake: (() => void) | undefined;
  private stopped: Promise<void> | undefined;

  constructor(private readonly options: RunnerOptions) {
    for (const type of options.types) if (!options.handlers[type]) throw new Error(`no handler for job type ${type}`);
  }

  get active(): number {
    return this.running.size;
  }

  async run(): Promise<StopReason> {
    const { client, types, pollMs, idleExitSeconds, log } = this.options;
    let idleSince = Date.now();
    while (!this.stopping) {
      const free = this.free();
      let claimed = 0;
      if (free > 0) {
        try {
          this.claiming += free;
          try {
            const jobs = await client.claim(types, free);
            claimed = jobs.length;
            for (const job of jobs) this.start(job);
          } finally {
            this.claiming -= free;
          }
        } catch (error) {
          // A bad key, a missing jobs:work scope or a type the Worker does not know will not fix itself.
          if (error instanceof ApiError && [400, 401, 403].includes(error.status)) {
            await this.stop();
            throw error;
          }
          log.warn('claim failed; retrying after the poll interval', { error });
        }
      }
      if (this.running.size > 0 || claimed > 0) idleSince = Date.now();
      else if (idleExitSeconds > 0 && Date.now() - idleSince >= idleExitSeconds * 1000) {
        log.info('idle: exiting', { idleSeconds: idleExitSeconds });
        return 'idle';
      }
      // Full: wait for a slot. Got all we asked for: ask again at once. Otherwise the queue is dry: poll later.
      if (this.free() <= 0) await this.pause();
      else if (claimed === 0 || claimed < free) await this.pause(pollMs);
    }
    await this.stopped;
    return 'signal';
  }

  /**
   * Stops claiming; running jobs get `graceSeconds` to finish, then are aborted. Resolves when
   * every job has settled. Calling it again aborts at once.
   */
  stop(): Promise<void> {
    if (this.stopping) {
      for (const r of this.running.values()) r.abort('runner stopped');
      return this.stopped!;
    }
    this.stopping = true;
    this.wake?.();
    this.stopped = (async () => {
      // Loops because a claim in flight when stop() was called may still add jobs.
      const drain = async () => {
        while (this.running.size) await Promise.all([...this.running.values()].map((r) => r.done));
      };
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), this.options.graceSeconds * 1000)));
      if ((await Promise.race([drain(), grace])) === 'late') {
        this.options.log.warn('grace period over: releasing running jobs', { running: this.running.size });
        for (const r of this.running.values()) r.abort('runner stopped');
      }
      clearTimeout(timer);
      await drain();
    })();
    return this.stopped;
  }

  /** Slots neither running a job nor promised to a claim in flight. */
  private free(): number {
    return this.options.concurrency - (this.running.size - this.finishing.size) - this.claiming;
  }

  private start(job: Parameters<typeof runJob>[0]['job']): void {
    const { client, handlers, log } = this.options;
    log.info('claimed', { jobId: job.jobId, type: job.type, attempt: job.attempt });
    const running = runJob({
      job,
      client,
      handler: Object.hasOwn(handlers, job.type) ? handlers[job.type] : undefined,
      log,
      // The slot this job frees, and any other free one no claim in flight may fill: claimed with
      // the result, so a busy runner sends one request per job instead of a result and a claim.
      next: () => {
        this.finishing.add(job.assignmentId);
        const max = this.free();
        if (this.stopping || max <= 0) return undefined;
        this.claiming += max;
        return { types: this.options.types, max };
      },
      claimed: (jobs, asked) => {
        this.claiming -= asked?.max ?? 0;
        for (const next of jobs) this.start(next);
      },
    });
    this.running.set(job.assignmentId, running);
    void running.done.finally(() => {
      this.running.delete(job.assignmentId);
      this.finishing.delete(job.assignmentId);
      this.wake?.();
    });
  }

  /** Sleeps until `ms` passes (forever if omitted), a job finishes, or stop() is called. */
  private pause(ms?: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = ms === undefined ? undefined : setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = undefined;
        done();
      };
    });
  }
}
