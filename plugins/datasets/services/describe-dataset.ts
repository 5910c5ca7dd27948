import { type Database, type Logger, runInTenant } from 'atoll/plugin';
import type { DatasetRow } from '../db/schema';
import type { DatasetDescription, DatasetInfo } from '../refs';
import { findDatasetByRef } from './find-dataset';
import { listDatasets } from './list-datasets';
import { summarizeDataset } from './reads/summarize-dataset';
import { datasetSource } from './sql/dataset-source';

/** What other plugins may know of a dataset row (no storage keys, no row errors). */
export const datasetInfoOf = (row: DatasetRow): DatasetInfo => ({
  id: row.id,
  name: row.name,
  kind: row.kind,
  status: row.status,
  description: row.description,
  rowCount: row.rowCount,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

/** `DatasetsService.listDatasets`: a page of the tenant's datasets, newest first. */
export async function listDatasetInfos(input: { db: Database; tenantId: string; limit: number; cursor?: string | undefined }) {
  const page = await listDatasets({ ctx: { db: input.db }, input: { tenantId: input.tenantId, limit: input.limit, cursor: input.cursor } });
  return { items: page.items.map(datasetInfoOf), nextCursor: page.nextCursor };
}

/**
 * `DatasetsService.describeDataset`: the dataset named or numbered `ref`, its SQL columns and, when
 * it is ready, the per-column summary the REST API serves (which reads every row). Null when the
 * tenant has no such dataset.
 */
export async function describeDataset(input: { db: Database; tenantId: string; ref: string; logger: Logger }): Promise<DatasetDescription | null> {
  const row = await runInTenant(input.db, input.tenantId, (tx) => findDatasetByRef(tx, input.ref));
  if (!row) return null;
  const columns = row.kind === 'table' && !row.columns ? [] : datasetSource(row).columns.map((c) => ({ name: c.name, type: c.type, sqlType: c.pgType }));
  const dataset = { ...datasetInfoOf(row), error: row.error };
  if (row.status !== 'ready') return { dataset, columns, summary: null };
  const summary = await summarizeDataset({ db: input.db, tenantId: input.tenantId, datasetId: row.id, logger: input.logger });
  return { dataset: { ...dataset, rowCount: summary.rowCount }, columns, summary: summary.columns };
}
