import { eq, sql } from 'drizzle-orm';
import { recordAudit, runInTenant } from 'atoll/plugin';
import { datasets, type DatasetRow } from '../db/schema';
import { datasetNotFound, ingestInProgress, sqlStateOf } from '../errors';
import type { ServiceContext } from './context';

/**
 * Changes a dataset's description (null clears it). The name is fixed: SQL refers to it. While a
 * run writes rows it holds the dataset's lock; after 5 s the update is refused (409).
 */
export async function updateDataset({ ctx, input }: { ctx: ServiceContext; input: { datasetId: string; description: string | null } }): Promise<DatasetRow> {
  return runInTenant(ctx.db, ctx.tenantId, async (tx) => {
    await tx.execute(sql`set local lock_timeout = '5s'`);
    const [row] = await tx.update(datasets).set({ description: input.description, updatedAt: sql`now()` }).where(eq(datasets.id, input.datasetId)).returning();
    if (!row) throw datasetNotFound();
    await recordAudit(
      tx,
      { tenantId: ctx.tenantId, actorType: ctx.actor.type, actorId: ctx.actor.id, action: 'datasets.updated', targetType: 'dataset', targetId: row.id, data: { description: input.description } },
      ctx.request,
    );
    return row;
  }).catch((error: unknown) => {
    throw sqlStateOf(error) === '55P03' ? ingestInProgress() : error;
  });
}
