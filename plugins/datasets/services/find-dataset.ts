import { type Database, notFound } from 'atoll/plugin';
import { eq, inArray, sql } from 'drizzle-orm';
import { type DatasetRow, datasets } from '../db/schema';
import type { DatasetRef } from '../refs';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The dataset with this id in the transaction's tenant (row-level security), or a 404 error. */
export async function findDataset(tx: Database, datasetId: string): Promise<DatasetRow> {
  const [row] = await tx.select().from(datasets).where(eq(datasets.id, datasetId)).limit(1);
  if (!row) throw notFound('DATASETS_NOT_FOUND', 'No such dataset');
  return row;
}

/**
 * The dataset named `ref` (ignoring case, as SQL names it) or with id `ref`, in the transaction's
 * tenant; null when there is none. A name never looks like an id (names have no `-`).
 *
 * @example
 * const dataset = await runInTenant(db, tenantId, (tx) => findDatasetByRef(tx, 'sales'));
 */
export async function findDatasetByRef(tx: Database, ref: string): Promise<DatasetRow | null> {
  const where = UUID.test(ref) ? eq(datasets.id, ref) : eq(sql`lower(${datasets.name})`, ref.toLowerCase());
  const [row] = await tx.select().from(datasets).where(where).limit(1);
  return row ?? null;
}

/** `DatasetsService.findDataset`: only what other plugins may know of the dataset. */
export async function findDatasetRef(tx: Database, ref: string): Promise<DatasetRef | null> {
  const row = await findDatasetByRef(tx, ref);
  return row && { id: row.id, name: row.name, kind: row.kind, status: row.status };
}

/** `DatasetsService.findDatasets`: the datasets with these ids in the transaction's tenant, in one query (unknown ids are left out). */
export async function findDatasetRefs(tx: Database, ids: readonly string[]): Promise<DatasetRef[]> {
  const wanted = ids.filter((id) => UUID.test(id));
  if (wanted.length === 0) return [];
  const rows = await tx.select({ id: datasets.id, name: datasets.name, kind: datasets.kind, status: datasets.status }).from(datasets).where(inArray(datasets.id, wanted));
  return rows;
}
