import { MAX_RECORD_CHARS, SourceError } from './errors';

/** Called for each element of the top-level array: the parsed value and its 1-based position. */
export type ElementSink = (value: unknown, index: number) => void;

const WS = new Set([32, 9, 10, 13]);

/**
 * Splits a JSON document whose top level is an array into its elements, incrementally: feed text
 * in chunks of any size; each element is cut out by tracking strings, escapes and nesting depth, then
 * given to JSON.parse alone, so memory holds one element at a time. A document that is not an array,
 * malformed JSON, text after the closing bracket, or an element over 1 MiB is a SourceError.
 *
 * @example
 * const splitter = new JsonArraySplitter((value, index) => rows.push(value));
 * splitter.push('[{"value": 1},');
 * splitter.push(' {"value": 2}]');
 * splitter.end();
 */
export class JsonArraySplitter {
  /** 0: before `[`, 1: before an element or `]`, 2: in an element, 3: after an element, 4: after `]`. */
  #state = 0;
  #depth = 0;
  #inString = false;
  #escape = false;
  #parts: string[] = [];
  #chars = 0;
  #count = 0;

  constructor(private readonly sink: ElementSink) {}

  push(text: string): void {
    const n = text.length;
    let start = this.#state === 2 ? 0 : -1;
    for (let i = 0; i < n; i++) {
      const ch = text.charCodeAt(i);
      switch (this.#state) {
        case 2:
          if (this.#inString) {
            if (this.#escape) this.#escape = false;
            else if (ch === 92) this.#escape = true;
            else if (ch === 34) this.#inString = false;
          } else if (ch === 34) this.#inString = true;
          else if (ch === 123 || ch === 91) this.#depth++;
          else if (ch === 125 || ch === 93) {
            if (this.#depth === 0) {
              if (ch === 125) throw new SourceError(`Malformed JSON in element ${this.#count + 1}`);
              this.#finish(text, start, i);
              start = -1;
              this.#state = 4;
            } else this.#depth--;
          } else if (ch === 44 && this.#depth === 0) {
            this.#finish(text, start, i);
            start = -1;
            this.#state = 1;
          }
          break;
        case 0:
          if (WS.has(ch)) break;
          if (ch !== 91) throw new SourceError('The JSON document is not an array (expected [ at the start)');
          this.#state = 1;
          break;
        case 1:
          if (WS.has(ch)) break;
          if (ch === 93 && this.#count === 0 && this.#parts.length === 0) {
            this.#state = 4;
            break;
          }
          if (ch === 93 || ch === 44) throw new SourceError(`Malformed JSON: missing element ${this.#count + 1}`);
          this.#state = 2;
          start = i;
          i--;
          break;
        case 4:
          if (!WS.has(ch)) throw new SourceError('Unexpected text after the end of the JSON array');
          break;
      }
    }
    if (this.#state === 2 && start >= 0) this.#keep(text.slice(start));
  }

  /** Checks the document was complete. */
  end(): void {
    if (this.#state === 0) throw new SourceError('The JSON document is empty (expected an array)');
    if (this.#state !== 4) throw new SourceError('The JSON array is not closed (the file ends early)');
  }

  #keep(piece: string) {
    this.#chars += piece.length;
    if (this.#chars > MAX_RECORD_CHARS) throw new SourceError(`Element ${this.#count + 1} of the JSON array is longer than 1 MiB`);
    this.#parts.push(piece);
  }

  #finish(text: string, start: number, end: number) {
    this.#keep(text.slice(Math.max(start, 0), end));
    const source = this.#parts.length === 1 ? this.#parts[0]! : this.#parts.join('');
    this.#parts = [];
    this.#chars = 0;
    this.#count++;
    let value: unknown;
    try {
      value = JSON.parse(source);
    } catch {
      throw new SourceError(`Malformed JSON in element ${this.#count}`);
    }
    this.sink(value, this.#count);
  }
}
