import { MAX_COLUMNS, MAX_RECORD_CHARS, SourceError } from './errors';

/** Called for each record: its fields and the 1-based physical line where it starts. */
export type RecordSink = (fields: string[], line: number) => void;

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/**
 * An incremental RFC 4180 CSV parser: feed it text in chunks of any size (a chunk may end anywhere,
 * even inside a quoted field or between CR and LF) and it emits whole records. Quoted fields may hold
 * commas, newlines and doubled quotes; lines end in LF, CRLF or CR; empty lines are skipped. A quote
 * inside an unquoted field, or text after a closing quote, is kept as text (lenient, like most
 * spreadsheets). An unterminated quote, a record over 1 MiB or over 1,000 fields is a SourceError.
 *
 * @example
 * const parser = new CsvParser((fields, line) => rows.push({ fields, line }));
 * parser.push('a,b\n1,"x,y"\n');
 * parser.end();
 */
export class CsvParser {
  #fields: string[] = [];
  #field = '';
  #recordChars = 0;
  /** 0: at field start, 1: unquoted, 2: quoted, 3: quote seen inside quoted (closing or doubled). */
  #state = 0;
  #afterCR = false;
  #lastCode = 0;
  #line = 1;
  #recordLine = 1;

  constructor(private readonly sink: RecordSink) {}

  push(text: string): void {
    const n = text.length;
    let i = 0;
    if (this.#afterCR) {
      this.#afterCR = false;
      if (n > 0 && text.charCodeAt(0) === LF) i = 1;
    }
    // Runs of ordinary characters are appended with one slice instead of char by char.
    let runStart = -1;
    for (; i < n; i++) {
      const ch = text.charCodeAt(i);
      const state = this.#state;
      if (state === 2) {
        if (ch === QUOTE) {
          if (runStart >= 0) this.#append(text, runStart, i);
          runStart = -1;
          this.#state = 3;
        } else {
          // CR, LF and CRLF inside quotes each count as one line break, even split across chunks.
          if (ch === CR || (ch === LF && (i > 0 ? text.charCodeAt(i - 1) : this.#lastCode) !== CR)) this.#line++;
          if (runStart < 0) runStart = i;
        }
        continue;
      }
      if (ch === COMMA || ch === LF || ch === CR) {
        if (runStart >= 0) this.#append(text, runStart, i);
        runStart = -1;
        if (ch === COMMA) this.#endField();
        else {
          this.#endRecord();
          this.#line++;
          if (ch === CR) {
            if (i + 1 < n) {
              if (text.charCodeAt(i + 1) === LF) i++;
            } else this.#afterCR = true;
          }
          this.#recordLine = this.#line;
        }
        continue;
      }
      if (state === 0 && ch === QUOTE) {
        this.#state = 2;
        continue;
      }
      if (state === 3) {
        if (ch === QUOTE) {
          this.#field += '"';
          this.#recordChars++;
          this.#state = 2;
          continue;
        }
        this.#state = 1;
      } else if (state === 0) this.#state = 1;
      if (runStart < 0) runStart = i;
    }
    if (runStart >= 0) this.#append(text, runStart, n);
    if (n > 0) this.#lastCode = text.charCodeAt(n - 1);
  }

  /** Flushes the last record (a file need not end with a newline). */
  end(): void {
    if (this.#state === 2) throw new SourceError(`Unterminated quoted field in the record starting on line ${this.#recordLine}`);
    this.#endRecord();
  }

  #append(text: string, from: number, to: number) {
    this.#field += text.slice(from, to);
    this.#recordChars += to - from;
    if (this.#recordChars > MAX_RECORD_CHARS) throw new SourceError(`The record starting on line ${this.#recordLine} is longer than 1 MiB`);
  }

  #endField() {
    this.#fields.push(this.#field);
    if (this.#fields.length > MAX_COLUMNS) throw new SourceError(`The record starting on line ${this.#recordLine} has more than ${MAX_COLUMNS} fields`);
    this.#field = '';
    this.#state = 0;
  }

  #endRecord() {
    // A line with nothing on it (not even a quoted empty field) is not a record.
    const empty = this.#fields.length === 0 && this.#field === '' && this.#state === 0;
    if (!empty) {
      this.#fields.push(this.#field);
      if (this.#fields.length > MAX_COLUMNS) throw new SourceError(`The record starting on line ${this.#recordLine} has more than ${MAX_COLUMNS} fields`);
      this.sink(this.#fields, this.#recordLine);
    }
    this.#fields = [];
    this.#field = '';
    this.#recordChars = 0;
    this.#state = 0;
  }
}
