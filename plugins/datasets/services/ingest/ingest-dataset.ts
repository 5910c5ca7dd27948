import { type Database, type Logger, runInTenant } from 'atoll/plugin';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { type DatasetRow, datasets, metricPoints, tableRows } from '../../db/schema';
import type { DatasetsDeps } from '../../deps';
import { publishDatasetEvent } from '../events';
import { SourceError } from '../parse/errors';
import { failRun, type RunRef } from './finish-run';
import { RowErrors } from './row-errors';
import { RowsForKind } from './rows-for-kind';
import { heartbeatEveryMs, recordProgress, startProgress } from './run-progress';
import { type StreamProgress, streamSource } from './stream-source';

/** Least time between two `dataset.progress` events of one run. */
const PROGRESS_EVERY_MS = 500;

export interface IngestRun extends RunRef {
  /** When ingestion was requested: the timestamp of metric rows that have none. */
  requestedAt: string;
}

interface Consumer {
  deps: DatasetsDeps;
  db: Database;
  logger: Logger;
}

/**
 * The `datasets.ingest` consumer. Claims the run (status `ingesting` and its first heartbeat,
 * committed, so the page shows it and the sweep can tell it from a dead one), then in ONE
 * transaction locks the dataset, deletes its rows, streams and parses the object, inserts the rows
 * in batches and records the outcome: all of a run's rows appear together, or none. A message for
 * another run (stale, or taken over) or a finished run (redelivered, or swept) changes nothing. A
 * problem with the file ends the run `error`; anything else (database or storage down) is thrown
 * for the queue to retry with backoff.
 */
export async function ingestDataset({ deps, db, logger }: Consumer, run: IngestRun): Promise<void> {
  const claimed = await runInTenant(db, run.tenantId, async (tx) => {
    const [row] = await tx
      .update(datasets)
      .set({ status: 'ingesting', updatedAt: sql`now()` })
      .where(and(eq(datasets.id, run.datasetId), eq(datasets.runId, run.runId), inArray(datasets.status, ['queued', 'ingesting'])))
      .returning({ id: datasets.id });
    if (row) await startProgress(tx, run);
    return row;
  });
  if (!claimed) return logger.info('ingestion message skipped: stale or already finished', { datasetId: run.datasetId, runId: run.runId });
  let ready: DatasetRow | undefined;
  try {
    ready = await runInTenant(db, run.tenantId, (tx) => ingestLocked(tx, { deps, db, logger }, run));
  } catch (error) {
    if (!(error instanceof SourceError)) throw error;
    const failed = await failRun(db, run, error.message);
    if (failed) await publishDatasetEvent(deps.realtime, run.tenantId, 'dataset.error', failed, { status: 'error', error: failed.error });
    return;
  }
  if (ready) {
    await publishDatasetEvent(deps.realtime, run.tenantId, 'dataset.ready', ready, { status: 'ready', rowCount: ready.rowCount, skippedCount: ready.skippedCount });
  }
}

async function ingestLocked(tx: Database, { deps, db, logger }: Consumer, run: IngestRun): Promise<DatasetRow | undefined> {
  const [dataset] = await tx.select().from(datasets).where(eq(datasets.id, run.datasetId)).for('update');
  // Another delivery of this message finished the run while this one waited for the lock.
  if (!dataset || dataset.runId !== run.runId || dataset.status !== 'ingesting') return undefined;
  const ids = { tenantId: run.tenantId, datasetId: run.datasetId };
  // Both kinds: the run may store the other kind than the previous one (kind guessed from the header).
  await tx.delete(metricPoints).where(eq(metricPoints.datasetId, run.datasetId));
  await tx.delete(tableRows).where(eq(tableRows.datasetId, run.datasetId));

  const object = await deps.storage.get(dataset.objectKey);
  if (!object) throw new SourceError('The uploaded file is gone; upload it again');
  const maxBytes = deps.config.maxUploadBytes;
  if (object.size > maxBytes) {
    await object.body.cancel().catch(() => {});
    throw new SourceError(`The file is larger than ${maxBytes} bytes`);
  }
  const errors = new RowErrors();
  const requestedMs = Date.parse(run.requestedAt);
  const handler = new RowsForKind(dataset, { ids, requestedMs, errors });
  let lastEvent = 0;
  // The claim was the first heartbeat.
  let lastBeat = Date.now();
  const beatEveryMs = heartbeatEveryMs(deps.config.ingestStaleSeconds);
  const onBatch = async (progress: StreamProgress) => {
    if (Date.now() - lastBeat >= beatEveryMs) {
      lastBeat = Date.now();
      await recordProgress(db, run, logger);
    }
    if (Date.now() - lastEvent < PROGRESS_EVERY_MS) return;
    lastEvent = Date.now();
    await publishDatasetEvent(deps.realtime, run.tenantId, 'dataset.progress', dataset, {
      status: 'ingesting',
      ...progress,
      totalBytes: object.size,
      percent: object.size > 0 ? Math.min(100, Math.floor((progress.bytesRead * 100) / object.size)) : 100,
    });
  };
  await streamSource({ tx, body: object.body, format: dataset.format, handler, maxBytes, rowsSeen: () => handler.stored + handler.pending + errors.skipped, onBatch });
  const outcome = handler.outcome();

  const [row] = await tx
    .update(datasets)
    .set({
      status: 'ready',
      rowCount: handler.stored,
      skippedCount: errors.skipped,
      rowErrors: errors.list,
      ...outcome,
      error: null,
      sizeBytes: object.size,
      ingestedAt: sql`now()`,
      updatedAt: sql`now()`,
    })
    .where(eq(datasets.id, run.datasetId))
    .returning();
  return row;
}
