import type { DatasetRow } from '../db/schema';
import type { ServiceContext } from './context';
import { type CreateDatasetInput, createDataset } from './create-dataset';
import { deleteDataset } from './delete-dataset';
import { startIngest } from './start-ingest';
import { storeSource } from './upload-source';

/**
 * Creates a dataset, streams its file into the source object and queues ingestion: the page's upload
 * form as one request. When the file does not make it (too large, connection lost), the new dataset
 * is deleted again, so a retry under the same name is not refused as taken.
 */
export async function createDatasetWithFile({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { dataset: Omit<CreateDatasetInput, 'size' | 'contentType'>; file: ReadableStream<Uint8Array> };
}): Promise<DatasetRow> {
  const { dataset } = await createDataset({ ctx, input: input.dataset });
  try {
    await storeSource(ctx, dataset, input.file);
    return await startIngest({ ctx, input: { datasetId: dataset.id } });
  } catch (error) {
    await deleteDataset({ ctx, input: { datasetId: dataset.id } }).catch((cleanup: unknown) =>
      ctx.logger.error('dataset cleanup after a failed upload failed', { datasetId: dataset.id, error: cleanup as Error }),
    );
    throw error;
  }
}
