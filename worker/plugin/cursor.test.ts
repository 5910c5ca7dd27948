import { describe, expect, it } from 'vitest';
import { CURSOR_PARTS, decodeCursor, encodeCursor } from './cursor';

const id = '0b6c4c52-8f0e-4a57-9d0e-3f1f1c2a9b11';
const time = '2026-01-02T03:04:05.123456Z';
/** A cursor minted by hand, as a client forging one would. */
const forge = (json: string) => btoa(json).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

describe('encodeCursor / decodeCursor', () => {
  it('round-trip any UTF-8 text, quotes, separators and astral characters included', () => {
    for (const name of ['ünïcode / "quoted" | \\ 😀', 'i̇stanbul', '日本語のファイル名.csv', 'x'.repeat(400)]) {
      const cursor = encodeCursor([name, id]);
      expect(cursor, name).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeCursor(cursor, [CURSOR_PARTS.name, CURSOR_PARTS.uuid]), name).toEqual([name, id]);
    }
    expect(decodeCursor(encodeCursor([time, id]), [CURSOR_PARTS.time, CURSOR_PARTS.uuid])).toEqual([time, id]);
  });

  it('refuse what is not base64url of UTF-8 JSON', () => {
    const shape = [CURSOR_PARTS.time, CURSOR_PARTS.uuid];
    const notUtf8 = btoa(String.fromCharCode(0x5b, 0x22, 0xff, 0xfe, 0x22, 0x5d)).replace(/=+$/, '');
    for (const bad of ['', 'not a cursor!', 'a+b/c=', 'A', '%5B%5D', notUtf8, forge('{"a":1}'), forge('not json')]) {
      expect(decodeCursor(bad, shape), bad).toBeNull();
    }
  });

  it('refuse a cursor of the wrong length or with a forged part', () => {
    const shape = [CURSOR_PARTS.time, CURSOR_PARTS.uuid];
    for (const parts of [[], [time], [time, id, id], ['yesterday', id], [time, "'; drop table x; --"], [time, `${id}\n`], [12, id], [time, null]]) {
      expect(decodeCursor(forge(JSON.stringify(parts)), shape), JSON.stringify(parts)).toBeNull();
    }
    expect(decodeCursor(encodeCursor(['', id]), [CURSOR_PARTS.name, CURSOR_PARTS.uuid])).toBeNull();
    expect(decodeCursor(encodeCursor(['x'.repeat(401), id]), [CURSOR_PARTS.name, CURSOR_PARTS.uuid])).toBeNull();
  });
});
