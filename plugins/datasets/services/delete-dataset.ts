import { recordAudit, runInTenant } from 'atoll/plugin';
import { eq, sql } from 'drizzle-orm';
import { datasets } from '../db/schema';
import { datasetNotFound, ingestInProgress, sqlStateOf } from '../errors';
import type { ServiceContext } from './context';
import { publishDatasetEvent } from './events';

/**
 * Deletes a dataset with its rows (foreign keys cascade) and, after the commit, its source object.
 * A run that is writing rows holds the dataset's lock: after 5 s of waiting the delete is refused
 * with 409 DATASETS_INGEST_IN_PROGRESS rather than hanging until ingestion ends. A queued run's
 * message finds no dataset and does nothing.
 */
export async function deleteDataset({ ctx, input }: { ctx: ServiceContext; input: { datasetId: string } }): Promise<void> {
  let deleted: { id: string; name: string; objectKey: string };
  try {
    deleted = await runInTenant(ctx.db, ctx.tenantId, async (tx) => {
      await tx.execute(sql`set local lock_timeout = '5s'`);
      const [row] = await tx.select({ id: datasets.id, name: datasets.name, objectKey: datasets.objectKey }).from(datasets).where(eq(datasets.id, input.datasetId)).for('update');
      if (!row) throw datasetNotFound();
      await tx.delete(datasets).where(eq(datasets.id, input.datasetId));
      await recordAudit(
        tx,
        { tenantId: ctx.tenantId, actorType: ctx.actor.type, actorId: ctx.actor.id, action: 'datasets.deleted', targetType: 'dataset', targetId: row.id, data: { name: row.name } },
        ctx.request,
      );
      return row;
    });
  } catch (error) {
    if (sqlStateOf(error) === '55P03') throw ingestInProgress();
    throw error;
  }
  await ctx.storage.delete(deleted.objectKey).catch((error: unknown) => ctx.logger.error('dataset source delete failed', { datasetId: deleted.id, error: error as Error }));
  await publishDatasetEvent(ctx.realtime, ctx.tenantId, 'dataset.deleted', deleted);
}
