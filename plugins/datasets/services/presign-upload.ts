import { runInTenant } from 'atoll/plugin';
import type { DatasetRow } from '../db/schema';
import { ingestInProgress, tooLarge } from '../errors';
import { type ServiceContext, UPLOAD_URL_SECONDS } from './context';
import { publishDatasetEvent } from './events';
import { findDataset } from './find-dataset';
import { failStaleRun } from './ingest/stale-runs';

export interface UploadTarget {
  url: string;
  method: 'PUT';
  /** Headers the PUT must carry exactly (the length, and the content type when one was given, are signed). */
  headers: Record<string, string>;
  expiresAt: Date;
}

/** Statuses during which the source file must not change. */
export const isBusy = (dataset: Pick<DatasetRow, 'status'>) => dataset.status === 'queued' || dataset.status === 'ingesting';

/**
 * The dataset, if its source file may change now: it has no run in progress, or its run is stale
 * (a dead consumer's), which is failed first so that it never blocks an upload. A live run is a 409.
 */
export async function withoutLiveRun(ctx: ServiceContext, dataset: DatasetRow): Promise<DatasetRow> {
  if (!isBusy(dataset)) return dataset;
  const run = dataset.runId ? { tenantId: ctx.tenantId, datasetId: dataset.id, runId: dataset.runId } : undefined;
  const failed = run && (await failStaleRun(ctx.db, run, ctx.config.ingestStaleSeconds));
  if (!failed) throw ingestInProgress();
  await publishDatasetEvent(ctx.realtime, ctx.tenantId, 'dataset.error', failed, { status: 'error', error: failed.error });
  return failed;
}

/** A presigned PUT of exactly `size` bytes to the dataset's source key (at most DATASETS_MAX_UPLOAD_BYTES: 413). */
export async function presignUpload(ctx: ServiceContext, dataset: DatasetRow, input: { size: number; contentType?: string | undefined }): Promise<UploadTarget> {
  if (input.size > ctx.config.maxUploadBytes) throw tooLarge(ctx.config.maxUploadBytes, { location: 'body', path: 'size', message: `At most ${ctx.config.maxUploadBytes}` });
  const signed = await ctx.storage.presignPut(dataset.objectKey, { expiresIn: UPLOAD_URL_SECONDS, contentLength: input.size, ...(input.contentType ? { contentType: input.contentType } : {}) });
  return { url: signed.url, method: 'PUT', headers: signed.headers, expiresAt: new Date(Date.now() + UPLOAD_URL_SECONDS * 1000) };
}

/** A fresh upload URL for an existing dataset; refused (409) while a live run is queued or ingesting. */
export async function createUploadUrl({ ctx, input }: { ctx: ServiceContext; input: { datasetId: string; size: number; contentType?: string | undefined } }): Promise<UploadTarget> {
  const dataset = await runInTenant(ctx.db, ctx.tenantId, (tx) => findDataset(tx, input.datasetId));
  return presignUpload(ctx, await withoutLiveRun(ctx, dataset), input);
}
