import { multipart, runInTenant } from 'atoll/plugin';
import type { DatasetRow } from '../db/schema';
import { badUpload, DatasetsErrorCode, tooLarge } from '../errors';
import type { ServiceContext } from './context';
import { findDataset } from './find-dataset';
import { withoutLiveRun } from './presign-upload';
import { startIngest } from './start-ingest';

const form = multipart(DatasetsErrorCode.BAD_UPLOAD);

/**
 * Streams a file sent through the API (multipart/form-data, part `file`) to the dataset's source
 * object, replacing an earlier upload only once the new one is complete, and queues ingestion right
 * away when asked. Nothing is buffered: the body flows to S3 in 5 MiB parts. Refused while a live run
 * is queued or ingesting (409; a stale one is failed first); over DATASETS_MAX_DIRECT_UPLOAD_BYTES is a 413.
 */
export async function uploadSource({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { datasetId: string; body: ReadableStream<Uint8Array> | null; contentType: string | undefined; ingest: boolean };
}): Promise<DatasetRow> {
  const boundary = form.boundaryOf(input.contentType);
  const dataset = await withoutLiveRun(ctx, await runInTenant(ctx.db, ctx.tenantId, (tx) => findDataset(tx, input.datasetId)));
  if (!input.body) throw noFilePart();
  let stored = false;
  for await (const part of form.parseMultipart(input.body, boundary)) {
    if (part.name !== 'file' || stored) continue;
    await storeSource(ctx, dataset, part.body);
    stored = true;
  }
  if (!stored) throw noFilePart();
  return input.ingest ? startIngest({ ctx, input: { datasetId: dataset.id } }) : dataset;
}

/** Streams one file into the dataset's source object; past DATASETS_MAX_DIRECT_UPLOAD_BYTES the upload fails with a 413. */
export async function storeSource(ctx: ServiceContext, dataset: DatasetRow, file: ReadableStream<Uint8Array>): Promise<void> {
  const max = ctx.config.maxDirectUploadBytes;
  await ctx.storage.upload(dataset.objectKey, file.pipeThrough(sizeLimit(max)), { contentType: dataset.format === 'csv' ? 'text/csv' : 'application/json' });
}

export const noFilePart = () => badUpload('The form has no file part named "file"', [{ location: 'body', path: 'file', message: 'Required' }]);

function sizeLimit(max: number): TransformStream<Uint8Array, Uint8Array> {
  let seen = 0;
  return new TransformStream({
    transform(chunk, controller) {
      seen += chunk.length;
      if (seen > max) controller.error(tooLarge(max, { location: 'body', path: 'file', message: `At most ${max} bytes; use a presigned upload URL for larger files` }));
      else controller.enqueue(chunk);
    },
  });
}
