import type { Database } from 'atoll/plugin';
import type { DatasetFormat } from '../../db/schema';
import { CsvParser } from '../parse/csv-parser';
import { SourceError } from '../parse/errors';
import { JsonArraySplitter } from '../parse/json-array-splitter';
import type { RowHandler } from './row-handler';

export interface StreamProgress {
  bytesRead: number;
  rowsProcessed: number;
}

/** A parser for the format that feeds `handler`: CSV (first record is the header) or a JSON array. */
function parserFor(format: DatasetFormat, handler: RowHandler) {
  if (format === 'json') return new JsonArraySplitter((value, index) => handler.jsonElement(value, index));
  let header = false;
  const csv = new CsvParser((fields, line) => {
    if (header) handler.csvRow(fields, line);
    else {
      handler.header(fields);
      header = true;
    }
  });
  return {
    push: (text: string) => csv.push(text),
    end: () => {
      csv.end();
      if (!header) throw new SourceError('The file is empty (a CSV header line is required)');
    },
  };
}

/**
 * Streams the source object through the parser into `handler`, never holding more than one network
 * chunk of text and one batch of rows: bytes are counted (over `maxBytes` is a SourceError), decoded
 * as UTF-8 incrementally (a BOM is dropped; invalid UTF-8 is a SourceError) and parsed; each full
 * batch is written while the next one is being parsed (at most one INSERT in flight).
 */
export async function streamSource(input: {
  tx: Database;
  body: ReadableStream<Uint8Array>;
  format: DatasetFormat;
  handler: RowHandler;
  maxBytes: number;
  rowsSeen: () => number;
  onBatch: (progress: StreamProgress) => Promise<void>;
}): Promise<StreamProgress> {
  const { tx, handler } = input;
  const parser = parserFor(input.format, handler);
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  const reader = input.body.getReader();
  let bytesRead = 0;
  let inFlight: Promise<unknown> | undefined;
  const write = async () => {
    const insert = handler.takeBatch();
    if (inFlight) await inFlight;
    inFlight = insert(tx);
    // Marked handled now; the rejection is still thrown where inFlight is awaited.
    inFlight.catch(() => {});
  };
  const decode = (bytes?: Uint8Array) => {
    try {
      return bytes ? decoder.decode(bytes, { stream: true }) : decoder.decode();
    } catch {
      throw new SourceError(`The file is not valid UTF-8 (near byte ${bytesRead})`);
    }
  };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytesRead += value.byteLength;
      if (bytesRead > input.maxBytes) throw new SourceError(`The file is larger than ${input.maxBytes} bytes`);
      parser.push(decode(value));
      if (handler.full) {
        await write();
        await input.onBatch({ bytesRead, rowsProcessed: input.rowsSeen() });
      }
    }
    parser.push(decode());
    parser.end();
    if (handler.pending > 0) await write();
    if (inFlight) await inFlight;
    return { bytesRead, rowsProcessed: input.rowsSeen() };
  } finally {
    await reader.cancel().catch(() => {});
  }
}
