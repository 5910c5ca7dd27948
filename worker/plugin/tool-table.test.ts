import { describe, expect, it } from 'vitest';
import { containsPattern } from '../db/like-pattern';
import { toolTable } from './tool-table';

describe('toolTable', () => {
  it('writes CSV: quoted where needed, empty for null, "" for an empty string, JSON and ISO for the rest', () => {
    const rows = [
      ['plain', 1, true, null, ''],
      ['a,b', 'say "hi"', ' padded', 'two\nlines', { k: [1] }],
      [new Date('2026-03-01T00:00:00Z'), 1.5, false, undefined, 'x'],
    ];
    const { text, table } = toolTable({ columns: ['a', 'b', 'c', 'd', 'e'], rows });
    expect(text).toBe(['a,b,c,d,e', 'plain,1,true,,""', '"a,b","say ""hi"""," padded","two\nlines","{""k"":[1]}"', '2026-03-01T00:00:00.000Z,1.5,false,,x'].join('\n'));
    expect(table).toEqual({ columns: ['a', 'b', 'c', 'd', 'e'], rows, truncated: false });
  });

  it('cuts long cells in the text only, and says what it left out', () => {
    const long = 'x'.repeat(500);
    const rows = Array.from({ length: 5 }, (_, i) => [i, long]);
    const { text, table } = toolTable({ columns: ['n', 'long'], rows, textRows: 2, truncated: true });
    const lines = text.split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[1]).toBe(`0,${'x'.repeat(199)}…`);
    expect(lines.slice(3)).toEqual(['(3 more rows not shown here, 5 in all)', '(the result was cut at 5 rows: more exist)']);
    expect(table.rows[0]![1]).toBe(long);
    expect(table.truncated).toBe(true);
  });

  it('says when there are no rows', () => {
    expect(toolTable({ columns: ['a'], rows: [] }).text).toBe('a\n(no rows)');
  });
});

describe('containsPattern', () => {
  it('escapes LIKE wildcards and the escape character', () => {
    expect(containsPattern('a_b%c\\d')).toBe('%a\\_b\\%c\\\\d%');
    expect(containsPattern('plain')).toBe('%plain%');
  });
});
