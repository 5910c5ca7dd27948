import { env } from 'cloudflare:workers';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logger';
import { openConnection } from './connect';
import { inlineParams } from './inline-params';
import type { QueryClientConnection } from './unit-of-work';

describe('inlineParams', () => {
  it('replaces placeholders only outside strings, identifiers, dollar quotes and comments', () => {
    const text = `select $1, '$1', "a$1", E'it\\'s $2', $$ $1 $$, $tag$ $2 $tag$ -- $1\n, /* $2 */ $2`;
    expect(inlineParams(text, ['x', 'y'])).toBe(`select 'x', '$1', "a$1", E'it\\'s $2', $$ $1 $$, $tag$ $2 $tag$ -- $1\n, /* $2 */ 'y'`);
  });

  it('quotes every value, backslashes and quotes included', () => {
    expect(inlineParams('select $1, $2, $3, $4', [null, "o'brien", 'a\\b', 42])).toBe(`select NULL, 'o''brien',  E'a\\\\b', '42'`);
  });

  it('refuses what has no faithful literal (NUL bytes, unknown objects, a missing value)', () => {
    expect(inlineParams('select $1', ['a\u0000b'])).toBeUndefined();
    expect(inlineParams('select $1', [{ toPostgres: () => 'x' }])).toBeUndefined();
    expect(inlineParams('select $2', ['only one'])).toBeUndefined();
  });
});

describe('inlined statements answer exactly as parameters do (real Postgres)', () => {
  let client: QueryClientConnection;
  beforeAll(async () => {
    client = await openConnection({ driver: 'hyperdrive', connectionString: (env.HYPERDRIVE as Hyperdrive).connectionString }, createLogger('error'));
  });
  afterAll(() => client.end());

  const cases: [string, string, unknown[]][] = [
    ['text, numbers, booleans, null', 'select $1::text as t, $2::int as i, $3::float8 as f, $4::boolean as b, $5::text as n', ['it\'s \\ "q" ünï 😀', 7, 1.5, true, null]],
    ['untyped parameters typed by context', "select 1 where $1 = 'a' and 2 > $2 limit $3", ['a', '1', 5]],
    [
      'arrays and ANY',
      "select $1::text[] as arr, 'b' = any($1) as has, 3 = any($2::int[]) as num",
      [
        ['a', 'b', 'c"d', null, 'e\\f'],
        [1, 2, 3],
      ],
    ],
    ['json', 'select $1::jsonb as j', [JSON.stringify({ a: [1, 'x'], b: null })]],
    ['objects as JSON', 'select $1::jsonb as j', [{ nested: { quote: "'" } }]],
    ['dates', "select $1::timestamptz as at, to_char($1::timestamptz at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.MS') as s", [new Date('2026-12-06T21:15:09.123Z')]],
    ['bytes', "select encode($1::bytea, 'hex') as h", [new Uint8Array([0, 1, 254, 255])]],
    ['intervals', 'select make_interval(secs => $1) as i', [900]],
  ];

  for (const [label, text, values] of cases) {
    it(label, async () => {
      const expected = await client.query({ text, rowMode: 'array' } as never, values as unknown[]);
      const inlined = inlineParams(text, values);
      expect(inlined).toBeDefined();
      const actual = await client.query({ text: inlined!, rowMode: 'array' } as never);
      expect(actual.rows).toEqual(expected.rows);
    });
  }

  it('a hostile string stays one value', async () => {
    const value = "x'); drop table kernel_audit_log; --";
    const result = await client.query({ text: inlineParams('select $1::text as v', [value])!, rowMode: 'array' } as never);
    expect(result.rows).toEqual([[value]]);
    expect(pg.escapeLiteral("'")).toBe("''''");
  });
});
