import { describe, expect, it } from 'vitest';
import { CURSOR_PART, decodeCursor, encodeCursor } from './cursor';

const id = '0b6c4c52-8f0e-4a57-9d0e-3f1f1c2a9b11';
const tampered = (parts: unknown) => btoa(JSON.stringify(parts)).replace(/=+$/, '');

describe('chat cursors', () => {
  it('round-trip their parts, names with any characters included', () => {
    const name = ['0', 'ünïcode / "quoted"', id];
    expect(decodeCursor(encodeCursor(name), [CURSOR_PART.flag, CURSOR_PART.name, CURSOR_PART.uuid])).toEqual(name);
    const time = ['2026-01-02T03:04:05.123456Z', id];
    expect(decodeCursor(encodeCursor(time), [CURSOR_PART.time, CURSOR_PART.uuid])).toEqual(time);
  });

  it('refuse anything not minted for that list (400 CHAT_INVALID_CURSOR)', () => {
    const shape = [CURSOR_PART.time, CURSOR_PART.uuid];
    for (const bad of [
      'not a cursor!',
      'e30',
      tampered(['2026-01-02T03:04:05.123456Z']),
      tampered(['yesterday', id]),
      tampered(['2026-01-02T03:04:05.123456Z', "'; drop table chat_sessions; --"]),
      tampered([12, id]),
      encodeCursor(['0', 'name', id]),
    ]) {
      expect(() => decodeCursor(bad, shape), bad).toThrow(expect.objectContaining({ code: 'CHAT_INVALID_CURSOR', kind: 'validation' }));
    }
  });
});
