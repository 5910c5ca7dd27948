import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetReadObjects } from 'hyparquet';
import { afterAll, describe, expect, it } from 'vitest';
import { ParquetFile, ROW_GROUP_ROWS } from './parquet-file';

const dir = mkdtempSync(join(tmpdir(), 'atoll-parquet-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const read = async (path: string) => {
  const b = readFileSync(path);
  return parquetReadObjects({ file: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer });
};

const COLUMNS = [
  { name: 'region', type: 'text' as const },
  { name: 'amount', type: 'integer' as const },
  { name: 'price', type: 'number' as const },
  { name: 'paid', type: 'boolean' as const },
  { name: 'at', type: 'timestamp' as const },
];

describe('ParquetFile', () => {
  it('writes typed nullable columns that read back as the same values, across row groups', async () => {
    const path = join(dir, 'sales.parquet');
    const out = new ParquetFile(path, COLUMNS);
    const rows = ROW_GROUP_ROWS + 3;
    const cells = (i: number) => [i % 2 ? `r${i}` : null, String(i), i % 5 ? `${i}.5` : null, i % 3 === 0 ? 'true' : 'false', '2024-01-01T00:00:00Z'];
    for (let i = 0; i < rows; i++) await out.add(cells(i));
    await out.finish();
    const back = await read(path);
    expect(back).toHaveLength(rows);
    expect(back[0]).toEqual({ region: null, amount: 0n, price: null, paid: true, at: new Date('2024-01-01T00:00:00Z') });
    const last = rows - 2; // odd, and not a multiple of 5
    expect(back[last]).toEqual({ region: `r${last}`, amount: BigInt(last), price: last + 0.5, paid: last % 3 === 0, at: new Date('2024-01-01T00:00:00Z') });
  });

  it('keeps integers past 2^53 exact and writes an empty dataset as a valid file', async () => {
    const big = join(dir, 'big.parquet');
    const out = new ParquetFile(big, [{ name: 'n', type: 'integer' }]);
    await out.add(['9007199254740993']);
    await out.finish();
    expect(await read(big)).toEqual([{ n: 9007199254740993n }]);
    const empty = join(dir, 'empty.parquet');
    await new ParquetFile(empty, COLUMNS).finish();
    expect(await read(empty)).toEqual([]);
  });

  it('refuses a row whose width does not match the schema', () => {
    const out = new ParquetFile(join(dir, 'bad.parquet'), COLUMNS);
    expect(() => out.add(['x'])).toThrow(/1 cells, the schema 5 columns/);
  });
});
