import { type Database, type Logger, runInTenant } from 'atoll/plugin';
import { sql } from 'drizzle-orm';
import { presentValue } from '../sql/present-value';
import { csvCell, csvLine } from './csv-cell';
import { readableDataset, textColumns } from './readable-dataset';

/** A client that stops reading for this long ends the export (and frees its connection). */
const EXPORT_IDLE_TIMEOUT_MS = 60_000;
/** Rows fetched per round trip; the stream never holds more than one chunk. */
export const EXPORT_CHUNK_ROWS = 1_000;

export interface DatasetExport {
  filename: string;
  body: ReadableStream<Uint8Array>;
}

/**
 * A ready dataset as CSV, streamed: one transaction with a cursor (one snapshot, so a consistent
 * file) over the rows in stored order, fetched in chunks as the client reads. Text cells are
 * neutralised against formula injection (csv-cell.ts) unless `formulaSafe: false` (job runners
 * reading exact values). Resolves once the header and first chunk
 * are ready, so a missing or unready dataset is an error response, not a broken download.
 *
 * @example
 * const { filename, body } = await exportDatasetCsv({ db, tenantId, datasetId, logger });
 */
export function exportDatasetCsv(input: { db: Database; tenantId: string; datasetId: string; logger: Logger; formulaSafe?: boolean }): Promise<DatasetExport> {
  const encoder = new TextEncoder();
  const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>(undefined, undefined, { highWaterMark: 4 });
  const writer = writable.getWriter();
  return new Promise<DatasetExport>((resolve, reject) => {
    let started = false;
    const exported = runInTenant(input.db, input.tenantId, async (tx) => {
      await tx.execute(sql`select set_config('idle_in_transaction_session_timeout', ${String(EXPORT_IDLE_TIMEOUT_MS)}, true)`);
      const { dataset, source } = await readableDataset(tx, input.datasetId);
      const texts = source.columns.map((c) => c.type === 'text' && input.formulaSafe !== false);
      // Timestamps as ISO 8601 like everywhere else in the API; other types as Postgres prints them.
      const cell = (value: string | null, i: number) => (source.columns[i]!.type === 'timestamp' && value !== null ? String(presentValue(value, 'timestamptz')) : value);
      await tx.execute(sql.raw(`DECLARE export_rows NO SCROLL CURSOR FOR SELECT ${textColumns(source) || '1 AS c0'} FROM ${source.from} ORDER BY ${source.orderBy}`));
      const header = csvLine(source.columns.map((c) => csvCell(c.name)));
      for (;;) {
        const chunk = await tx.execute(sql.raw(`FETCH ${EXPORT_CHUNK_ROWS} FROM export_rows`));
        const rows = chunk.rows as Record<string, string | null>[];
        let text = started ? '' : header;
        for (const row of rows) text += csvLine(source.columns.map((_, i) => csvCell(cell(row[`c${i + 1}`] ?? null, i), texts[i])));
        if (!started) {
          started = true;
          resolve({ filename: `${dataset.name}.csv`, body: readable });
        }
        if (text) await writer.write(encoder.encode(text));
        if (rows.length < EXPORT_CHUNK_ROWS) break;
      }
      await writer.close();
    });
    exported.catch((error: unknown) => {
      if (!started) return reject(error);
      input.logger.warn('dataset export stopped', { error, datasetId: input.datasetId });
      writer.abort(error).catch(() => {});
    });
  });
}
