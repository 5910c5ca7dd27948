import { recordAudit, runInTenant } from 'atoll/plugin';
import { and, eq, notInArray, sql } from 'drizzle-orm';
import { type DatasetRow, datasets } from '../db/schema';
import { ingestInProgress, noUpload, tooLarge } from '../errors';
import { INGEST_MESSAGE } from '../queues';
import type { ServiceContext } from './context';
import { publishDatasetEvent } from './events';
import { findDataset } from './find-dataset';
import { failRun } from './ingest/finish-run';
import { BUSY_STATUSES, lockStaleRun } from './ingest/run-progress';
import { isBusy } from './presign-upload';

/**
 * Queues an ingestion run: the uploaded object must exist (409 DATASETS_NO_UPLOAD) and fit the
 * limit (413); a run already queued or ingesting is a 409, unless it is stale (no progress for
 * DATASETS_INGEST_STALE_SECONDS and no open transaction: its consumer died), which the new run
 * takes over. A new run id makes any message of an earlier run stale, so a second call never
 * doubles rows: the consumer replaces the dataset's rows with the new run's in one transaction.
 */
export async function startIngest({ ctx, input }: { ctx: ServiceContext; input: { datasetId: string } }): Promise<DatasetRow> {
  const current = await runInTenant(ctx.db, ctx.tenantId, (tx) => findDataset(tx, input.datasetId));
  const takeOver = isBusy(current) && current.runId ? { tenantId: ctx.tenantId, datasetId: current.id, runId: current.runId } : undefined;
  if (isBusy(current) && !takeOver) throw ingestInProgress();
  const head = await ctx.storage.head(current.objectKey);
  if (!head) throw noUpload();
  if (head.size > ctx.config.maxUploadBytes) throw tooLarge(ctx.config.maxUploadBytes);
  const runId = crypto.randomUUID();
  const requestedAt = new Date();
  const queued = await runInTenant(ctx.db, ctx.tenantId, async (tx) => {
    // Decided here, under the dataset's lock; a live run's open transaction makes it a 409 at once.
    if (takeOver && !(await lockStaleRun(tx, takeOver, ctx.config.ingestStaleSeconds))) throw ingestInProgress();
    // The status (or run id) condition makes two concurrent calls start one run: the other gets a 409.
    const [row] = await tx
      .update(datasets)
      .set({ status: 'queued', runId, error: null, rowErrors: [], sizeBytes: head.size, updatedAt: sql`now()` })
      .where(and(eq(datasets.id, input.datasetId), takeOver ? eq(datasets.runId, takeOver.runId) : notInArray(datasets.status, [...BUSY_STATUSES])))
      .returning();
    if (!row) throw ingestInProgress();
    const data = { runId, sizeBytes: head.size, ...(takeOver ? { tookOverRunId: takeOver.runId } : {}) };
    await recordAudit(
      tx,
      { tenantId: ctx.tenantId, actorType: ctx.actor.type, actorId: ctx.actor.id, action: 'datasets.ingest_requested', targetType: 'dataset', targetId: row.id, data },
      ctx.request,
    );
    return row;
  });
  const run = { tenantId: ctx.tenantId, datasetId: input.datasetId, runId };
  try {
    await ctx.queue.send(INGEST_MESSAGE, { ...run, requestedAt: requestedAt.toISOString() });
  } catch (error) {
    // Without a message the run would stay queued for ever and block the next ingest call.
    await failRun(ctx.db, run, 'The ingestion could not be queued; try again');
    throw error;
  }
  await publishDatasetEvent(ctx.realtime, ctx.tenantId, 'dataset.queued', queued, { status: 'queued' });
  return queued;
}
