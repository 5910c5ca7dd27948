import { recordAudit, runInTenant } from 'atoll/plugin';
import { type DatasetFormat, type DatasetKind, type DatasetRow, datasets } from '../db/schema';
import { nameTaken, sqlStateOf, tableNeedsCsv } from '../errors';
import { type ServiceContext, sourceKeyOf } from './context';
import { publishDatasetEvent } from './events';
import { presignUpload, type UploadTarget } from './presign-upload';

export interface CreateDatasetInput {
  name: string;
  /** `auto`: every ingestion decides the kind from the CSV header (JSON is metric). */
  kind: DatasetKind | 'auto';
  format: DatasetFormat;
  description?: string | undefined;
  /** Size of the file to upload: when given, a presigned PUT for exactly that many bytes comes back. */
  size?: number | undefined;
  contentType?: string | undefined;
}

/**
 * Creates a dataset (status `created`) and, when the file size is known, a presigned upload URL.
 * Table datasets are CSV only (400); the name is unique per tenant ignoring case (409). An `auto`
 * kind reads `table` until the first ingestion decides it from the header.
 */
export async function createDataset({ ctx, input }: { ctx: ServiceContext; input: CreateDatasetInput }): Promise<{ dataset: DatasetRow; upload: UploadTarget | null }> {
  if (input.kind === 'table' && input.format !== 'csv') throw tableNeedsCsv();
  const kindFromHeader = input.kind === 'auto';
  const kind: DatasetKind = input.kind !== 'auto' ? input.kind : input.format === 'json' ? 'metric' : 'table';
  const id = crypto.randomUUID();
  let dataset: DatasetRow;
  try {
    dataset = await runInTenant(ctx.db, ctx.tenantId, async (tx) => {
      const [row] = await tx
        .insert(datasets)
        .values({
          id,
          tenantId: ctx.tenantId,
          name: input.name,
          kind,
          kindFromHeader,
          format: input.format,
          description: input.description ?? null,
          objectKey: sourceKeyOf(ctx.tenantId, id),
          createdBy: ctx.actor.id,
        })
        .returning();
      await recordAudit(
        tx,
        {
          tenantId: ctx.tenantId,
          actorType: ctx.actor.type,
          actorId: ctx.actor.id,
          action: 'datasets.created',
          targetType: 'dataset',
          targetId: id,
          data: { name: input.name, kind: input.kind, format: input.format },
        },
        ctx.request,
      );
      return row!;
    });
  } catch (error) {
    if (sqlStateOf(error) === '23505') throw nameTaken(input.name);
    throw error;
  }
  const upload = input.size === undefined ? null : await presignUpload(ctx, dataset, { size: input.size, contentType: input.contentType });
  await publishDatasetEvent(ctx.realtime, ctx.tenantId, 'dataset.created', dataset, { status: dataset.status, kind: dataset.kind });
  return { dataset, upload };
}
