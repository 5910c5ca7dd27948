import { conflict, type Database } from 'atoll/plugin';
import { sql } from 'drizzle-orm';
import type { DatasetRow } from '../../db/schema';
import { findDataset } from '../find-dataset';
import { type DatasetSource, datasetSource } from '../sql/dataset-source';

/**
 * The tenant's dataset (404 otherwise) with its SQL view, if it is ready (409 DATASETS_NOT_READY
 * otherwise: its rows are being replaced or were never stored). Pins the transaction's time zone to
 * UTC so timestamps read the same as in SQL.
 */
export async function readableDataset(tx: Database, datasetId: string): Promise<{ dataset: DatasetRow; source: DatasetSource }> {
  const dataset = await findDataset(tx, datasetId);
  if (dataset.status !== 'ready') throw conflict('DATASETS_NOT_READY', `The dataset is ${dataset.status}, not ready: its rows can be read once ingestion has finished`);
  await tx.execute(sql`select set_config('TimeZone', 'UTC', true)`);
  return { dataset, source: datasetSource(dataset) };
}

/** `c1, c2, ...` select list of a source's columns printed as text (typed later by presentValue). */
export const textColumns = (source: DatasetSource) => source.columns.map((c, i) => `${c.expr}::text AS c${i + 1}`).join(', ');
