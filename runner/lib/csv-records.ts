/**
 * Parses RFC 4180 CSV as it arrives: yields one record at a time as an array of cells, an empty
 * field as null (the Atoll export writes null as an empty field, and ingestion stores an empty cell
 * as null). Holds at most one partial record between chunks, so memory stays flat however large
 * the file. Accepts CRLF or LF line ends; a file without a final line end still yields its last record.
 *
 * @example
 * for await (const cells of csvRecords(response.body!)) console.log(cells);
 */
export async function* csvRecords(body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>): AsyncGenerator<(string | null)[]> {
  const decoder = new TextDecoder();
  const parser = new CsvParser();
  for await (const chunk of body as AsyncIterable<Uint8Array>) yield* parser.push(decoder.decode(chunk, { stream: true }));
  yield* parser.push(decoder.decode());
  yield* parser.end();
}

/** The incremental state machine behind csvRecords (exported for tests that feed odd chunk splits). */
export class CsvParser {
  private record: (string | null)[] = [];
  private field = '';
  /** Inside a quoted field. */
  private inQuotes = false;
  /** Just saw a quote inside a quoted field: either an escaped quote or the closing one. */
  private quotePending = false;
  private pendingCr = false;
  private fieldStarted = false;

  *push(text: string): Generator<(string | null)[]> {
    let i = 0;
    const n = text.length;
    while (i < n) {
      if (this.inQuotes) {
        const q = text.indexOf('"', i);
        if (q < 0) {
          this.field += text.slice(i);
          return;
        }
        this.field += text.slice(i, q);
        this.inQuotes = false;
        this.quotePending = true;
        i = q + 1;
        continue;
      }
      const ch = text[i]!;
      if (this.quotePending) {
        this.quotePending = false;
        if (ch === '"') {
          this.field += '"';
          this.inQuotes = true;
          i++;
          continue;
        }
      }
      if (this.pendingCr) {
        this.pendingCr = false;
        if (ch === '\n') {
          i++;
          continue;
        }
      }
      if (ch === ',') {
        this.endField();
        i++;
      } else if (ch === '\r' || ch === '\n') {
        this.endField();
        yield this.takeRecord();
        this.pendingCr = ch === '\r';
        i++;
      } else if (ch === '"' && !this.fieldStarted) {
        this.inQuotes = true;
        this.fieldStarted = true;
        i++;
      } else {
        // Plain run of characters up to the next delimiter.
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === 44 || c === 13 || c === 10) break; // , \r \n
          j++;
        }
        this.field += text.slice(i, j);
        this.fieldStarted = true;
        i = j;
      }
    }
  }

  *end(): Generator<(string | null)[]> {
    if (this.inQuotes) throw new Error('CSV ends inside a quoted field');
    if (this.fieldStarted || this.record.length > 0) {
      this.endField();
      yield this.takeRecord();
    }
  }

  private endField(): void {
    this.record.push(this.field === '' ? null : this.field);
    this.field = '';
    this.fieldStarted = false;
    this.quotePending = false;
  }

  private takeRecord(): (string | null)[] {
    const record = this.record;
    this.record = [];
    return record;
  }
}
