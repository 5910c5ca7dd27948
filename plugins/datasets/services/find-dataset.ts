import { eq } from 'drizzle-orm';
import { notFound, type Database } from 'atoll/plugin';
import { datasets, type DatasetRow } from '../db/schema';

/** The dataset with this id in the transaction's tenant (row-level security), or a 404 error. */
export async function findDataset(tx: Database, datasetId: string): Promise<DatasetRow> {
  const [row] = await tx.select().from(datasets).where(eq(datasets.id, datasetId)).limit(1);
  if (!row) throw notFound('DATASETS_NOT_FOUND', 'No such dataset');
  return row;
}
