import { describe, expect, it } from 'vitest';
import { toAtollError } from './problem';

/** A Postgres error as drizzle throws it: the driver's error (with its SQLSTATE) as the cause. */
const pgError = (code: string) => Object.assign(new Error('Failed query: ...'), { cause: Object.assign(new Error(`pg says ${code}`), { code }) });

describe('toAtollError on database errors', () => {
  it('maps what a client can cause to a 4xx with a kernel code', () => {
    const cases: [string, string, string][] = [
      ['22021', 'validation', 'KERNEL_INVALID_VALUE'],
      ['22P02', 'validation', 'KERNEL_INVALID_VALUE'],
      ['22001', 'validation', 'KERNEL_INVALID_VALUE'],
      ['23505', 'conflict', 'KERNEL_CONFLICT'],
      ['23P01', 'conflict', 'KERNEL_CONFLICT'],
      ['23503', 'conflict', 'KERNEL_CONFLICT'],
      ['23502', 'validation', 'KERNEL_INVALID_VALUE'],
      ['23514', 'validation', 'KERNEL_INVALID_VALUE'],
      ['42501', 'not_found', 'KERNEL_NOT_FOUND'],
      ['42804', 'validation', 'KERNEL_INVALID_VALUE'],
      ['42P18', 'validation', 'KERNEL_INVALID_VALUE'],
      ['54000', 'validation', 'KERNEL_INVALID_VALUE'],
    ];
    for (const [code, kind, atollCode] of cases) {
      const error = toAtollError(pgError(code));
      expect([error.kind, error.code], code).toEqual([kind, atollCode]);
      expect(error.message, code).not.toContain('pg says');
    }
  });

  it('keeps an unreachable database a 503 and the unknown a 500', () => {
    for (const code of ['08006', '08P01', '57P01', '53300']) expect(toAtollError(pgError(code)).code, code).toBe('KERNEL_DATABASE_UNAVAILABLE');
    for (const code of ['XX000', '58030']) expect(toAtollError(pgError(code)).kind, code).toBe('internal');
  });
});
