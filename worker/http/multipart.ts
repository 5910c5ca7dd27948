import { type FieldError, validationFailed } from '../errors';

/**
 * One part of a multipart/form-data body. Read (or cancel) `body` before asking for the next part.
 *
 * @example
 * for await (const part of parseMultipart(body, boundary)) {
 *   if (part.filename === undefined) fields[part.name] = await readField(part);
 *   else await ctx.storage.upload(await keyOf(ctx.tenantId, part.filename), part.body);
 * }
 */
export interface FormPart {
  name: string;
  filename: string | undefined;
  contentType: string | undefined;
  body: ReadableStream<Uint8Array>;
}

const CRLF = new Uint8Array([13, 10]);
const HEADER_END = new Uint8Array([13, 10, 13, 10]);
const MAX_HEADER_BYTES = 16 * 1024;
const MAX_FIELD_BYTES = 64 * 1024;
const BOUNDARY = /boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i;

type Fail = (detail: string, errors?: FieldError[]) => Error;

/**
 * Streaming multipart/form-data for routes that take uploads; every refusal is a 400 with the
 * caller's error code.
 *
 * @example
 * const { boundaryOf, parseMultipart } = multipart('FILES_BAD_UPLOAD');
 * for await (const part of parseMultipart(c.req.raw.body!, boundaryOf(c.req.header('content-type')))) { ... }
 */
export function multipart(errorCode: string) {
  const fail: Fail = (detail, errors) => validationFailed(errorCode, detail, errors);
  return {
    boundaryOf: (contentType: string | undefined) => boundaryOf(contentType, fail),
    parseMultipart: (body: ReadableStream<Uint8Array>, boundary: string) => parseMultipart(body, boundary, fail),
    readField: (part: FormPart) => readField(part, fail),
  };
}

/** The boundary of a `multipart/form-data` content type, or a 400. */
function boundaryOf(contentType: string | undefined, badUpload: Fail): string {
  const match = contentType && /^multipart\/form-data/i.test(contentType) ? BOUNDARY.exec(contentType) : null;
  if (!match) throw badUpload('Send the file as multipart/form-data', [{ location: 'header', path: 'content-type', message: 'Expected multipart/form-data with a boundary' }]);
  return (match[1] ?? match[2])!;
}

/**
 * Streams the parts of a multipart/form-data body without buffering it: file contents flow
 * through as they arrive, with only a delimiter's length held back. Malformed bodies are a 400.
 */
async function* parseMultipart(body: ReadableStream<Uint8Array>, boundary: string, badUpload: Fail): AsyncGenerator<FormPart> {
  const malformed = () => malformedBody(badUpload);
  const input = new Buffered(body.getReader(), malformed);
  const delimiter = new TextEncoder().encode(`\r\n--${boundary}`);
  // The first delimiter has no CRLF before it: pretend there was one.
  input.unshift(CRLF);
  await input.skipPast(delimiter);
  for (;;) {
    if (!(await input.ensure(2))) throw malformed();
    if (input.startsWith(new Uint8Array([45, 45]))) return; // "--": the closing delimiter
    const headers = parseHeaders(await input.takeUntil(HEADER_END, MAX_HEADER_BYTES), malformed);
    let finished = false;
    const part = new ReadableStream<Uint8Array>({
      pull: async (controller) => {
        const chunk = await input.nextBodyChunk(delimiter);
        if (chunk.bytes.length > 0) controller.enqueue(chunk.bytes);
        if (chunk.end) {
          finished = true;
          controller.close();
        }
      },
    });
    yield { ...headers, body: part };
    // Skip whatever the consumer left unread.
    if (!finished) for await (const _ of part) void _;
  }
}

/** A text field's value (at most 64 KiB). */
async function readField(part: FormPart, badUpload: Fail): Promise<string> {
  let size = 0;
  const chunks: Uint8Array[] = [];
  for await (const chunk of part.body) {
    size += chunk.length;
    if (size > MAX_FIELD_BYTES) throw badUpload(`The form field ${part.name} is too long`, [{ location: 'body', path: part.name, message: 'At most 64 KiB' }]);
    chunks.push(chunk);
  }
  return new TextDecoder().decode(concat(chunks));
}

const malformedBody = (badUpload: Fail) => badUpload('The multipart body is malformed', [{ location: 'body', path: '(root)', message: 'Malformed multipart/form-data' }]);

function parseHeaders(bytes: Uint8Array, malformed: () => Error): Omit<FormPart, 'body'> {
  // The lines after the delimiter's CRLF; the first line is that CRLF's remainder (empty).
  const lines = new TextDecoder().decode(bytes).split('\r\n');
  let disposition = '';
  let contentType: string | undefined;
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'content-disposition') disposition = value;
    else if (name === 'content-type') contentType = value;
  }
  if (!/^form-data\b/i.test(disposition)) throw malformed();
  const name = param(disposition, 'name');
  if (name === undefined) throw malformed();
  const encoded = param(disposition, 'filename\\*');
  const filename = encoded?.startsWith("UTF-8''") ? safeDecode(encoded.slice(7)) : param(disposition, 'filename');
  return { name, filename, contentType };
}

function param(header: string, key: string): string | undefined {
  const match = new RegExp(`;\\s*${key}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]*))`, 'i').exec(header);
  if (!match) return undefined;
  return match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : match[2];
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function indexOf(haystack: Uint8Array, needle: Uint8Array, from = 0): number {
  const first = needle[0]!;
  for (let i = haystack.indexOf(first, from); i >= 0 && i <= haystack.length - needle.length; i = haystack.indexOf(first, i + 1)) {
    let j = 1;
    while (j < needle.length && haystack[i + j] === needle[j]) j++;
    if (j === needle.length) return i;
  }
  return -1;
}

/** A byte reader with look-ahead over a stream reader. */
class Buffered {
  private buf: Uint8Array = new Uint8Array(0);
  private ended = false;

  constructor(
    private readonly reader: ReadableStreamDefaultReader<Uint8Array>,
    private readonly malformed: () => Error,
  ) {}

  unshift(bytes: Uint8Array) {
    this.buf = concat([bytes, this.buf]);
  }

  startsWith(bytes: Uint8Array): boolean {
    return bytes.every((b, i) => this.buf[i] === b);
  }

  /** Reads until at least `n` bytes are buffered; false if the stream ends first. */
  async ensure(n: number): Promise<boolean> {
    while (this.buf.length < n) if (!(await this.more())) return false;
    return true;
  }

  /** Discards everything up to and including `needle` (the preamble before the first delimiter). */
  async skipPast(needle: Uint8Array) {
    for (;;) {
      const at = indexOf(this.buf, needle);
      if (at >= 0) return void (this.buf = this.buf.subarray(at + needle.length));
      this.buf = this.buf.subarray(Math.max(0, this.buf.length - needle.length));
      if (!(await this.more())) throw this.malformed();
    }
  }

  /** The bytes before `needle` (which is consumed too), at most `max` of them. */
  async takeUntil(needle: Uint8Array, max: number): Promise<Uint8Array> {
    for (;;) {
      const at = indexOf(this.buf, needle);
      if (at >= 0) {
        const out = this.buf.slice(0, at);
        this.buf = this.buf.subarray(at + needle.length);
        return out;
      }
      if (this.buf.length > max) throw this.malformed();
      if (!(await this.more())) throw this.malformed();
    }
  }

  /** Body bytes that cannot be part of the next delimiter; `end` when the delimiter was reached. */
  async nextBodyChunk(delimiter: Uint8Array): Promise<{ bytes: Uint8Array; end: boolean }> {
    for (;;) {
      const at = indexOf(this.buf, delimiter);
      if (at >= 0) {
        const bytes = this.buf.slice(0, at);
        this.buf = this.buf.subarray(at + delimiter.length);
        return { bytes, end: true };
      }
      const safe = this.buf.length - delimiter.length + 1;
      if (safe > 0) {
        const bytes = this.buf.slice(0, safe);
        this.buf = this.buf.subarray(safe);
        return { bytes, end: false };
      }
      if (!(await this.more())) throw this.malformed();
    }
  }

  private async more(): Promise<boolean> {
    if (this.ended) return false;
    const { value, done } = await this.reader.read();
    if (done) {
      this.ended = true;
      return false;
    }
    this.buf = this.buf.length === 0 ? value : concat([this.buf, value]);
    return true;
  }
}
