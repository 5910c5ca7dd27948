import { describe, expect, it } from 'vitest';
import { CsvParser, csvRecords } from './csv-records';

const parseAll = (chunks: string[]) => {
  const parser = new CsvParser();
  const out: (string | null)[][] = [];
  for (const c of chunks) out.push(...parser.push(c));
  out.push(...parser.end());
  return out;
};

const TEXT = 'a,b,c\r\n1,"say ""hi"", bye",\r\n"multi\nline",,x\r\n\'=1,"",z';
const EXPECTED = [
  ['a', 'b', 'c'],
  ['1', 'say "hi", bye', null],
  ['multi\nline', null, 'x'],
  ["'=1", null, 'z'],
];

describe('csvRecords', () => {
  it('parses RFC 4180 records: quotes, escaped quotes, line breaks in fields, empty fields as null', () => {
    expect(parseAll([TEXT])).toEqual(EXPECTED);
  });

  it('gives the same records however the text is split into chunks', () => {
    for (let size = 1; size <= 7; size++) {
      const chunks = [];
      for (let i = 0; i < TEXT.length; i += size) chunks.push(TEXT.slice(i, i + size));
      expect(parseAll(chunks), `chunks of ${size}`).toEqual(EXPECTED);
    }
  });

  it('accepts LF line ends and a final line end', () => {
    expect(parseAll(['x,y\n1,2\n'])).toEqual([
      ['x', 'y'],
      ['1', '2'],
    ]);
  });

  it('refuses a file that ends inside a quoted field', () => {
    expect(() => parseAll(['a,"open'])).toThrow(/inside a quoted field/);
  });

  it('decodes a byte stream split inside a multi-byte character', async () => {
    const bytes = new TextEncoder().encode('name\r\nzoë\r\n');
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, 9)); // cuts ë in half
        controller.enqueue(bytes.slice(9));
        controller.close();
      },
    });
    const records = [];
    for await (const r of csvRecords(body)) records.push(r);
    expect(records).toEqual([['name'], ['zoë']]);
  });
});
