import { type Database, type RealtimePublisher, runInScope, runInTenant } from 'atoll/plugin';
import { sql } from 'drizzle-orm';
import type { DatasetRow, DatasetStatus } from '../../db/schema';
import { publishDatasetEvent } from '../events';
import { failRunIn, type RunRef } from './finish-run';
import { BUSY_STATUSES, lockStaleRun, staleRunCondition } from './run-progress';

/** Stale runs failed per sweep; the next trigger takes the rest. */
const SWEEP_BATCH = 100;

/** Why a stale run failed (the dataset's `error`). */
export const staleRunReason = (staleSeconds: number) => `Ingestion stopped: the run made no progress for ${staleSeconds} seconds (the worker running it was interrupted); ingest again`;

/**
 * Fails `run` with the stale reason if it is still the dataset's current run, stale and not held by
 * an open transaction; returns the failed dataset, or undefined when the run was left alone.
 */
export async function failStaleRun(db: Database, run: RunRef, staleSeconds: number, statuses: readonly DatasetStatus[] = BUSY_STATUSES): Promise<DatasetRow | undefined> {
  return runInTenant(db, run.tenantId, async (tx) => {
    if (!(await lockStaleRun(tx, run, staleSeconds, statuses))) return undefined;
    return failRunIn(tx, run, staleRunReason(staleSeconds));
  });
}

/**
 * Claimed runs (`ingesting`) of every tenant that have not progressed for `staleSeconds`, oldest
 * first. Read under the `datasets_sweep` policy, which only lets this transaction select.
 */
export async function findStaleRuns(db: Database, staleSeconds: number): Promise<RunRef[]> {
  return runInScope(db, { settings: { 'atoll.datasets_sweep': 'on' } }, async (tx) => {
    const result = await tx.execute<{ tenant_id: string; id: string; run_id: string }>(sql`
      select d.tenant_id, d.id, d.run_id from datasets d
      where ${staleRunCondition(staleSeconds, ['ingesting'])}
      order by d.updated_at
      limit ${SWEEP_BATCH}`);
    return result.rows.map((r) => ({ tenantId: r.tenant_id, datasetId: r.id, runId: r.run_id }));
  });
}

/**
 * The cron sweep: fails every claimed run that stopped progressing (its consumer died and its
 * message is gone), each in its own tenant transaction, and publishes `dataset.error`. Queued runs
 * are left to `ingest` (it takes them over): a message may wait behind a long batch without
 * anything being wrong. A run whose transaction is still open is skipped (see `lockStaleRun`).
 */
export async function sweepStaleRuns({ db, realtime, staleSeconds }: { db: Database; realtime: RealtimePublisher; staleSeconds: number }): Promise<DatasetRow[]> {
  const swept: DatasetRow[] = [];
  for (const run of await findStaleRuns(db, staleSeconds)) {
    const failed = await failStaleRun(db, run, staleSeconds, ['ingesting']);
    if (!failed) continue;
    swept.push(failed);
    await publishDatasetEvent(realtime, run.tenantId, 'dataset.error', failed, { status: 'error', error: failed.error });
  }
  return swept;
}
