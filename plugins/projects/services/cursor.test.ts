import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor';

const id = '0b6c4c52-8f0e-4a57-9d0e-3f1f1c2a9b11';

describe('project cursors', () => {
  it('round-trips the sort and the position, names with any characters included', () => {
    const name = { sort: 'name', order: 'desc', key: 'ünïcode / "quoted"', id } as const;
    expect(decodeCursor(encodeCursor(name))).toEqual(name);
    const time = { sort: 'updatedAt', order: 'asc', key: '2026-01-02T03:04:05.123456Z', id } as const;
    expect(decodeCursor(encodeCursor(time))).toEqual(time);
  });

  it('refuses anything it did not mint (400 PROJECTS_INVALID_CURSOR)', () => {
    const tampered = (parts: unknown) => btoa(JSON.stringify(parts)).replace(/=+$/, '');
    for (const bad of [
      'not a cursor!',
      'e30',
      tampered(['name', 'asc', 'x']),
      tampered(['size', 'asc', 'x', id]),
      tampered(['name', 'sideways', 'x', id]),
      tampered(['name', 'asc', 'x', 'not-a-uuid']),
      tampered(['updatedAt', 'asc', 'yesterday', id]),
      tampered(['name', 'asc', 'x'.repeat(401), id]),
      tampered(['name', 'asc', '', id]),
    ]) {
      expect(() => decodeCursor(bad), bad).toThrow(expect.objectContaining({ code: 'PROJECTS_INVALID_CURSOR', kind: 'validation' }));
    }
  });
});
