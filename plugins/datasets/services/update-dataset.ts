import { AtollError, type Database, recordAudit, runInTenant, validationFailed } from 'atoll/plugin';
import { eq, sql } from 'drizzle-orm';
import { type ColumnType, type DatasetKind, type DatasetRow, datasets, metricPoints, tableRows } from '../db/schema';
import { DatasetsErrorCode, datasetNotFound, ingestInProgress, nameTaken, sqlStateOf, tableNeedsCsv } from '../errors';
import type { ServiceContext } from './context';
import { publishDatasetEvent } from './events';
import { findDataset } from './find-dataset';
import { isBusy } from './presign-upload';
import { startIngest } from './start-ingest';

export interface UpdateDatasetInput {
  datasetId: string;
  name?: string | undefined;
  /** null clears it. */
  description?: string | null | undefined;
  /** `auto`: every ingestion decides the kind from the CSV header. */
  kind?: DatasetKind | 'auto' | undefined;
  /** Replaces the chosen column types; each name must be one of the dataset's columns (ignoring case). */
  columnTypes?: Record<string, ColumnType> | undefined;
}

/** The rows of the dataset as it was ingested: the state a new kind starts from (no rows, not ingested). */
const NOT_INGESTED: Partial<typeof datasets.$inferInsert> = {
  status: 'created',
  runId: null,
  rowCount: 0,
  skippedCount: 0,
  rowErrors: [],
  columns: null,
  columnWarnings: [],
  error: null,
  ingestedAt: null,
};

/**
 * Renames a dataset (unique per tenant ignoring case: 409; SQL then knows it by the new name),
 * changes its description, its kind or the types chosen for its columns. A new kind (or `auto`)
 * drops the rows and, when a file was uploaded, ingests it again; column types apply from the next
 * ingestion. While a run writes rows it holds the dataset's lock: after 5 s the update is refused
 * (409), as is a new kind while a run is queued.
 */
export async function updateDataset({ ctx, input }: { ctx: ServiceContext; input: UpdateDatasetInput }): Promise<DatasetRow> {
  let reingest = false;
  const row = await runInTenant(ctx.db, ctx.tenantId, async (tx) => {
    await tx.execute(sql`set local lock_timeout = '5s'`);
    const [current] = await tx.select().from(datasets).where(eq(datasets.id, input.datasetId)).for('update');
    if (!current) throw datasetNotFound();
    const changes: Partial<typeof datasets.$inferInsert> = {};
    if (input.name !== undefined && input.name !== current.name) changes.name = input.name;
    if (input.description !== undefined) changes.description = input.description;
    if (input.kind !== undefined) Object.assign(changes, await kindChange(tx, current, input.kind));
    if (input.columnTypes !== undefined) changes.columnTypes = columnTypesOf(current, input.columnTypes);
    reingest = changes.status === 'created';
    const [row] = await tx
      .update(datasets)
      .set({ ...changes, updatedAt: sql`now()` })
      .where(eq(datasets.id, current.id))
      .returning();
    const { status: _, runId: __, ...data } = changes;
    await recordAudit(
      tx,
      {
        tenantId: ctx.tenantId,
        actorType: ctx.actor.type,
        actorId: ctx.actor.id,
        action: 'datasets.updated',
        targetType: 'dataset',
        targetId: current.id,
        data: { ...pick(data, ['name', 'description', 'kind', 'kindFromHeader', 'columnTypes']), ...(changes.name ? { previousName: current.name } : {}) },
      },
      ctx.request,
    );
    return row!;
  }).catch((error: unknown) => {
    const state = sqlStateOf(error);
    throw state === '55P03' ? ingestInProgress() : state === '23505' ? nameTaken(input.name ?? '') : error;
  });
  await publishDatasetEvent(ctx.realtime, ctx.tenantId, 'dataset.updated', row, { status: row.status });
  if (!reingest) return row;
  return startIngest({ ctx, input: { datasetId: row.id } }).catch(async (error: unknown) => {
    // Nothing uploaded yet: the dataset waits for its file under the new kind.
    if (error instanceof AtollError && error.code === DatasetsErrorCode.NO_UPLOAD) return runInTenant(ctx.db, ctx.tenantId, (tx) => findDataset(tx, row.id));
    throw error;
  });
}

const pick = (o: Record<string, unknown>, keys: string[]) => Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));

/** The changes a kind choice makes: none when it is the current one, else no rows and not ingested. */
async function kindChange(tx: Database, current: DatasetRow, choice: DatasetKind | 'auto') {
  const kindFromHeader = choice === 'auto';
  const kind = choice === 'auto' ? current.kind : choice;
  if (kind === 'table' && current.format !== 'csv') throw tableNeedsCsv('kind');
  if (kind === current.kind && kindFromHeader === current.kindFromHeader) return {};
  if (isBusy(current)) throw ingestInProgress();
  await tx.delete(metricPoints).where(eq(metricPoints.datasetId, current.id));
  await tx.delete(tableRows).where(eq(tableRows.datasetId, current.id));
  return { kind, kindFromHeader, ...NOT_INGESTED, ...(kind === 'metric' && !kindFromHeader ? { columnTypes: {} } : {}) };
}

/** Column types keyed by the dataset's own column names; a name it does not have is a 400 naming it. */
function columnTypesOf(current: DatasetRow, chosen: Record<string, ColumnType>): Record<string, ColumnType> {
  const names = new Map((current.columns ?? []).map((c) => [c.name.toLowerCase(), c.name]));
  const unknown = Object.keys(chosen).filter((name) => !names.has(name.toLowerCase()));
  if (unknown.length > 0) {
    const known = current.columns?.length ? `its columns are ${current.columns.map((c) => c.name).join(', ')}` : 'it has no columns yet: ingest its file as a table first';
    throw validationFailed(
      DatasetsErrorCode.UNKNOWN_COLUMN,
      `The dataset has no column named ${unknown.map((n) => `"${n}"`).join(', ')} (${known})`,
      unknown.map((name) => ({ location: 'body', path: `columnTypes.${name}`, message: 'No such column' })),
    );
  }
  return Object.fromEntries(Object.entries(chosen).map(([name, type]) => [names.get(name.toLowerCase())!, type]));
}
