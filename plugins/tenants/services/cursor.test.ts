import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, pageOf, TIME_PATTERN } from './cursor';

describe('cursors', () => {
  it('round-trips a sort key', () => {
    const key = ['2026-01-02T03:04:05.123456Z', crypto.randomUUID()];
    expect(decodeCursor(encodeCursor(key), 2, [TIME_PATTERN])).toEqual(key);
  });

  it('refuses foreign or tampered cursors with TENANTS_INVALID_CURSOR', () => {
    for (const bad of ['!!!', encodeCursor(['a']), encodeCursor(['not a time', 'x']), btoa('{"a":1}')]) {
      expect(() => decodeCursor(bad, 2, [TIME_PATTERN]), bad).toThrow(expect.objectContaining({ code: 'TENANTS_INVALID_CURSOR', kind: 'validation' }));
    }
  });

  it('gives a next cursor only when there is more', () => {
    expect(pageOf([1, 2, 3], 2, (n) => [String(n)])).toEqual({ items: [1, 2], nextCursor: encodeCursor(['2']) });
    expect(pageOf([1, 2], 2, (n) => [String(n)])).toEqual({ items: [1, 2], nextCursor: null });
  });
});
