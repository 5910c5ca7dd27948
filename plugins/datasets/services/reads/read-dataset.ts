import { type Database, runInTenant } from 'atoll/plugin';
import { sql } from 'drizzle-orm';
import type { DatasetColumn, DatasetKind } from '../../db/schema';
import { presentValue } from '../sql/present-value';
import { readableDataset, textColumns } from './readable-dataset';

interface ReadInput {
  db: Database;
  tenantId: string;
  datasetId: string;
}

export interface DatasetSchema {
  id: string;
  name: string;
  kind: DatasetKind;
  columns: DatasetColumn[];
  rowCount: number;
}

/**
 * A ready dataset's columns (metric datasets: metric text, value number, timestamp timestamp) and
 * row count.
 *
 * @example
 * const { columns } = await getDatasetSchema({ db, tenantId, datasetId });
 */
export const getDatasetSchema = (input: ReadInput): Promise<DatasetSchema> =>
  runInTenant(input.db, input.tenantId, async (tx) => {
    const { dataset, source } = await readableDataset(tx, input.datasetId);
    return { id: dataset.id, name: dataset.name, kind: dataset.kind, columns: source.columns.map(({ name, type }) => ({ name, type })), rowCount: dataset.rowCount };
  });

export const PREVIEW_DEFAULT = 20;
export const PREVIEW_MAX = 100;

/**
 * The first `limit` rows in stored order (table: file order; metric: by time), as arrays in column
 * order with typed JSON values (integers as numbers, timestamps ISO 8601 UTC).
 *
 * @example
 * const { rows } = await previewDataset({ db, tenantId, datasetId, limit: 10 });
 */
export const previewDataset = (input: ReadInput & { limit?: number }) =>
  runInTenant(input.db, input.tenantId, async (tx) => {
    const { dataset, source } = await readableDataset(tx, input.datasetId);
    const limit = Math.min(Math.max(input.limit ?? PREVIEW_DEFAULT, 1), PREVIEW_MAX);
    const columns = source.columns.map(({ name, type }) => ({ name, type }));
    if (source.columns.length === 0) return { id: dataset.id, name: dataset.name, columns, rows: [] as unknown[][] };
    const result = await tx.execute(sql.raw(`SELECT ${textColumns(source)} FROM ${source.from} ORDER BY ${source.orderBy} LIMIT ${limit}`));
    const rows = (result.rows as Record<string, string | null>[]).map((row) => source.columns.map((c, i) => presentValue(row[`c${i + 1}`] ?? null, c.pgType)));
    return { id: dataset.id, name: dataset.name, columns, rows };
  });
