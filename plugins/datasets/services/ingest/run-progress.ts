import { type Database, type Logger, runInTenant } from 'atoll/plugin';
import { and, eq, sql } from 'drizzle-orm';
import { type DatasetStatus, ingestProgress } from '../../db/schema';
import type { RunRef } from './finish-run';

/** Statuses of a run in progress: the source file must not change and no other run may start. */
export const BUSY_STATUSES: readonly DatasetStatus[] = ['queued', 'ingesting'];

/**
 * Least time between two heartbeats of one run: a quarter of the stale bound, at most 30 s, so a
 * live run beats several times within the bound and a long run costs one UPDATE per 30 s.
 */
export const heartbeatEveryMs = (staleSeconds: number) => Math.min(30_000, staleSeconds * 250);

/** Records, in the transaction that claims a run, that it starts now (replacing an earlier run's row). */
export async function startProgress(tx: Database, run: RunRef): Promise<void> {
  await tx
    .insert(ingestProgress)
    .values({ datasetId: run.datasetId, tenantId: run.tenantId, runId: run.runId, progressedAt: sql`now()` })
    .onConflictDoUpdate({ target: ingestProgress.datasetId, set: { runId: run.runId, progressedAt: sql`now()` } });
}

/**
 * A heartbeat: the run made progress now. It is written in a short transaction of its own on
 * another connection of the consumer's pool, so other transactions see it while the run's own is
 * still open. Only the row of this run changes (a dead run that resumes beats for nothing). Best
 * effort: a failed heartbeat is logged, and the run goes on (its lock still keeps the sweep away).
 */
export async function recordProgress(db: Database, run: RunRef, logger: Logger): Promise<void> {
  try {
    await runInTenant(db, run.tenantId, (tx) =>
      tx
        .update(ingestProgress)
        .set({ progressedAt: sql`now()` })
        .where(and(eq(ingestProgress.datasetId, run.datasetId), eq(ingestProgress.runId, run.runId))),
    );
  } catch (error) {
    logger.warn('ingestion heartbeat failed', { datasetId: run.datasetId, runId: run.runId, error: error as Error });
  }
}

/**
 * SQL condition on `datasets d`: its current run is in one of `statuses` and has not progressed for
 * `staleSeconds`. Progress is the run's last heartbeat once a consumer claimed it, else the time it
 * was queued (`updated_at`, set when the run started).
 */
export function staleRunCondition(staleSeconds: number, statuses: readonly DatasetStatus[]) {
  const list = sql.join(
    statuses.map((s) => sql`${s}`),
    sql`, `,
  );
  return sql`d.status in (${list}) and d.run_id is not null and coalesce(
      (select p.progressed_at from datasets_ingest_progress p where p.dataset_id = d.id and p.run_id = d.run_id),
      d.updated_at
    ) < now() - ${staleSeconds}::int * interval '1 second'`;
}

/**
 * Locks the dataset when `run` is still its current run and stale, in the caller's tenant
 * transaction. SKIP LOCKED: a run whose transaction is open holds the row, so it is alive, however
 * old its heartbeat, and the caller gets false at once instead of waiting for it to end.
 */
export async function lockStaleRun(tx: Database, run: RunRef, staleSeconds: number, statuses: readonly DatasetStatus[] = BUSY_STATUSES): Promise<boolean> {
  const result = await tx.execute(sql`
    select d.id from datasets d
    where d.id = ${run.datasetId} and d.run_id = ${run.runId} and ${staleRunCondition(staleSeconds, statuses)}
    for update of d skip locked`);
  return result.rows.length > 0;
}
