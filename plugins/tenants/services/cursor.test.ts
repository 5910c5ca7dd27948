import { encodeCursor } from 'atoll/plugin';
import { describe, expect, it } from 'vitest';
import { pageOf, readCursor, SLUG_PART } from './cursor';

describe('tenant list cursors', () => {
  it('read a slug back, and refuse anything else with TENANTS_INVALID_CURSOR', () => {
    expect(readCursor(encodeCursor(['acme-2']), [SLUG_PART])).toEqual(['acme-2']);
    for (const bad of ['!!!', encodeCursor(['-acme']), encodeCursor(['Acme']), encodeCursor(['acme', 'x']), encodeCursor(["a'; drop table tenants; --"])]) {
      expect(() => readCursor(bad, [SLUG_PART]), bad).toThrow(expect.objectContaining({ code: 'TENANTS_INVALID_CURSOR', kind: 'validation' }));
    }
  });

  it('give a next cursor only when there is more', () => {
    expect(pageOf([1, 2, 3], 2, (n) => [String(n)])).toEqual({ items: [1, 2], nextCursor: encodeCursor(['2']) });
    expect(pageOf([1, 2], 2, (n) => [String(n)])).toEqual({ items: [1, 2], nextCursor: null });
  });
});
