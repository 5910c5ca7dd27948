import { runInTenant } from 'atoll/plugin';
import type { DatasetRow } from '../db/schema';
import { badUpload, ingestInProgress, tooLarge } from '../errors';
import type { ServiceContext } from './context';
import { findDataset } from './find-dataset';
import { isBusy } from './presign-upload';
import { startIngest } from './start-ingest';

/**
 * Stores a small file sent through the API as the dataset's source (replacing an earlier upload),
 * and queues ingestion right away when asked. Refused while a run is queued or ingesting (409);
 * over DATASETS_MAX_DIRECT_UPLOAD_BYTES is a 413 (bigger files go through a presigned URL).
 */
export async function uploadSource({ ctx, input }: { ctx: ServiceContext; input: { datasetId: string; file: File; ingest: boolean } }): Promise<DatasetRow> {
  const max = ctx.config.maxDirectUploadBytes;
  if (input.file.size > max) throw tooLarge(max, { location: 'body', path: 'file', message: `At most ${max} bytes; use a presigned upload URL for larger files` });
  const dataset = await runInTenant(ctx.db, ctx.tenantId, (tx) => findDataset(tx, input.datasetId));
  if (isBusy(dataset)) throw ingestInProgress();
  await ctx.storage.put(dataset.objectKey, input.file.stream(), { contentLength: input.file.size, contentType: dataset.format === 'csv' ? 'text/csv' : 'application/json' });
  return input.ingest ? startIngest({ ctx, input: { datasetId: dataset.id } }) : dataset;
}

/** The `file` part of a multipart/form-data request body (400 when there is none). */
export async function fileOfForm(request: Request): Promise<File> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw badUpload('Send the file as multipart/form-data with a part named "file"', [{ location: 'body', path: 'file', message: 'Expected multipart/form-data' }]);
  }
  const file = form.get('file');
  if (!file || typeof file === 'string') throw badUpload('The form has no file part named "file"', [{ location: 'body', path: 'file', message: 'Required' }]);
  return file;
}
