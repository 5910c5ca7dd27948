import { type Database, runInTenant } from 'atoll/plugin';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { type DatasetRow, datasets, metricPoints, tableRows } from '../../db/schema';

/** Identifies one ingestion run of one dataset. */
export interface RunRef {
  tenantId: string;
  datasetId: string;
  runId: string;
}

/**
 * Ends a run with status `error` and `reason`, and removes the dataset's rows (a failed dataset
 * holds none, whatever an earlier run left). Only while `runId` is still the current run and it is
 * not finished: a stale or already-finished run changes nothing. Returns the dataset when marked.
 */
export async function failRun(db: Database, run: RunRef, reason: string): Promise<DatasetRow | undefined> {
  return runInTenant(db, run.tenantId, (tx) => failRunIn(tx, run, reason));
}

/** `failRun` inside the caller's tenant transaction (e.g. after it locked the dataset). */
export async function failRunIn(tx: Database, run: RunRef, reason: string): Promise<DatasetRow | undefined> {
  const [row] = await tx
    .update(datasets)
    .set({ status: 'error', error: reason.slice(0, 1000), rowCount: 0, skippedCount: 0, rowErrors: [], columns: null, columnWarnings: [], updatedAt: sql`now()` })
    .where(and(eq(datasets.id, run.datasetId), eq(datasets.runId, run.runId), inArray(datasets.status, ['queued', 'ingesting'])))
    .returning();
  if (!row) return undefined;
  const table = row.kind === 'metric' ? metricPoints : tableRows;
  await tx.delete(table).where(eq(table.datasetId, run.datasetId));
  return row;
}
