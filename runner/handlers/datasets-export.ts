import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { csvRecords } from '../lib/csv-records';
import { dataRows, datasetSchema } from '../lib/dataset-schema';
import { ParquetFile } from '../lib/parquet-file';
import type { HandlerContext } from './types';

interface ExportInput {
  datasetId: string;
  format: 'csv' | 'parquet';
}

/**
 * Counts CSV records in bytes as they pass (line feeds outside quotes; RFC 4180's `""` toggles
 * twice, so it needs no special case), without decoding or parsing.
 */
export class RecordCounter extends Transform {
  records = 0;
  private inQuotes = false;
  private last = 10;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null, data?: Buffer) => void): void {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (b === 34) this.inQuotes = !this.inQuotes;
      else if (b === 10 && !this.inQuotes) this.records++;
    }
    if (chunk.length) this.last = chunk[chunk.length - 1]!;
    done(null, chunk);
  }

  override _flush(done: () => void): void {
    if (this.last !== 10) this.records++; // a last record without a line end
    done();
  }
}

/**
 * `datasets.export`: the dataset as `<name>.csv` (the export download's bytes: formula-safe text
 * cells, ISO timestamps) or `<name>.parquet` (typed columns from schema.json, exact text values).
 * Both are spooled to a temporary file while streaming (memory stays flat; the presigned PUT needs
 * the size up front), then streamed to S3.
 */
export async function exportDataset(ctx: HandlerContext): Promise<{ files: { name: string; size: number; contentType: string }[]; rowCount: number }> {
  const input = ctx.job.input as ExportInput;
  const schema = await datasetSchema(ctx);
  if (input.format === 'csv') {
    const path = join(ctx.tempDir, 'export.csv');
    const counter = new RecordCounter();
    const body = (await ctx.resource('rows.csv')).body!;
    await pipeline(Readable.fromWeb(body as import('node:stream/web').ReadableStream), counter, createWriteStream(path), { signal: ctx.signal });
    const file = await ctx.upload(`${schema.name}.csv`, path, 'text/csv; charset=utf-8');
    return { files: [file], rowCount: Math.max(0, counter.records - 1) };
  }
  const path = join(ctx.tempDir, 'export.parquet');
  const out = new ParquetFile(path, schema.columns);
  const body = (await ctx.resource('values.csv')).body!;
  for await (const cells of dataRows(csvRecords(body), schema)) {
    ctx.signal.throwIfAborted();
    await out.add(cells);
  }
  await out.finish();
  const file = await ctx.upload(`${schema.name}.parquet`, path, 'application/vnd.apache.parquet');
  return { files: [file], rowCount: out.rowCount };
}
