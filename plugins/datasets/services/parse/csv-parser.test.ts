import { describe, expect, it } from 'vitest';
import { CsvParser } from './csv-parser';
import { SourceError } from './errors';

/** Parses `text` fed in pieces of `size` characters (every split point is exercised with size 1). */
function parse(text: string, size = text.length || 1) {
  const records: { fields: string[]; line: number }[] = [];
  const parser = new CsvParser((fields, line) => records.push({ fields, line }));
  for (let i = 0; i < text.length; i += size) parser.push(text.slice(i, i + size));
  parser.end();
  return records;
}

const SAMPLE = 'a,b,c\r\n1,"x, y",3\n"multi\nline","say ""hi""",\n\n"",last,"\r\n"\rz,,\n';

describe('CsvParser', () => {
  it('parses quotes, escaped quotes, CRLF, CR, newlines inside quotes and empty fields, with start lines', () => {
    expect(parse(SAMPLE)).toEqual([
      { fields: ['a', 'b', 'c'], line: 1 },
      { fields: ['1', 'x, y', '3'], line: 2 },
      { fields: ['multi\nline', 'say "hi"', ''], line: 3 },
      { fields: ['', 'last', '\r\n'], line: 6 },
      { fields: ['z', '', ''], line: 8 },
    ]);
  });

  it('gives the same records whatever the chunk boundaries', () => {
    const whole = parse(SAMPLE);
    for (const size of [1, 2, 3, 5, 7]) expect(parse(SAMPLE, size)).toEqual(whole);
  });

  it('takes a last record without a newline, and skips blank lines', () => {
    expect(parse('v\n\n\n1\n2')).toEqual([
      { fields: ['v'], line: 1 },
      { fields: ['1'], line: 4 },
      { fields: ['2'], line: 5 },
    ]);
  });

  it('keeps stray quotes in unquoted fields as text', () => {
    expect(parse('a"b,"c"d\n').map((r) => r.fields)).toEqual([['a"b', 'cd']]);
  });

  it('refuses an unterminated quote, naming the line where the record starts', () => {
    expect(() => parse('v\n1\n"open\nstill open')).toThrow(new SourceError('Unterminated quoted field in the record starting on line 3'));
  });

  it('refuses records over 1 MiB and over 1,000 fields', () => {
    expect(() => parse(`v\n${'x'.repeat(1024 * 1024 + 1)}\n`, 65536)).toThrow(/line 2 is longer than 1 MiB/);
    expect(() => parse(`${Array.from({ length: 1001 }, (_, i) => `c${i}`).join(',')}\n`)).toThrow(/more than 1000 fields/);
  });
});
