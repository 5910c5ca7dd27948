import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetReadObjects } from 'hyparquet';
import { afterAll, describe, expect, it } from 'vitest';
import type { ClaimedJob } from '../client';
import { exportDataset } from './datasets-export';
import { profileDataset } from './datasets-profile';
import { noop } from './jobs-noop';
import type { HandlerContext } from './types';

const dir = mkdtempSync(join(tmpdir(), 'atoll-handlers-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SCHEMA = {
  name: 'notes',
  kind: 'table',
  rowCount: 3,
  columns: [
    { name: 'id', type: 'integer' },
    { name: 'note', type: 'text' },
  ],
};
// As the Worker's resources print them: rows.csv neutralises formula-like text, values.csv does not.
const ROWS_CSV = 'id,note\r\n1,"two\r\nlines"\r\n2,\'=SUM(A1)\r\n3,\r\n';
const VALUES_CSV = 'id,note\r\n1,"two\r\nlines"\r\n2,=SUM(A1)\r\n3,\r\n';

/** A handler context whose resources are fixed strings and whose uploads are kept in memory. */
function fakeContext(input: unknown, controller = new AbortController()) {
  const uploads = new Map<string, { bytes: Buffer; contentType: string }>();
  const resources: Record<string, string> = { 'schema.json': JSON.stringify(SCHEMA), 'rows.csv': ROWS_CSV, 'values.csv': VALUES_CSV };
  const tempDir = mkdtempSync(join(dir, 'job-'));
  const job: ClaimedJob = { assignmentId: 'a', jobId: 'j', tenantId: 't', type: 'x', input, attempt: 1, maxAttempts: 3, leaseSeconds: 60, leaseExpiresAt: '' };
  const ctx: HandlerContext = {
    job,
    signal: controller.signal,
    resource: async (name) => new Response(resources[name] ?? null, { status: resources[name] === undefined ? 404 : 200 }),
    upload: async (name, path, contentType) => {
      const bytes = readFileSync(path);
      uploads.set(name, { bytes, contentType });
      return { name, size: bytes.length, contentType };
    },
    tempDir,
    log: { info: () => {}, warn: () => {}, error: () => {} },
  };
  return { ctx, uploads };
}

describe('datasets.export', () => {
  it('csv: uploads rows.csv byte for byte and counts records, not lines', async () => {
    const { ctx, uploads } = fakeContext({ datasetId: 'd', format: 'csv' });
    const result = await exportDataset(ctx);
    expect(result).toEqual({ files: [{ name: 'notes.csv', size: ROWS_CSV.length, contentType: 'text/csv; charset=utf-8' }], rowCount: 3 });
    expect(uploads.get('notes.csv')!.bytes.toString()).toBe(ROWS_CSV);
  });

  it('parquet: typed columns with the exact text values', async () => {
    const { ctx, uploads } = fakeContext({ datasetId: 'd', format: 'parquet' });
    const result = await exportDataset(ctx);
    expect(result.rowCount).toBe(3);
    const bytes = uploads.get('notes.parquet')!.bytes;
    const rows = await parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer });
    expect(rows).toEqual([
      { id: 1n, note: 'two\r\nlines' },
      { id: 2n, note: '=SUM(A1)' },
      { id: 3n, note: null },
    ]);
  });
});

describe('datasets.profile', () => {
  it('profiles every row and uploads the same statistics as profile.json', async () => {
    const { ctx, uploads } = fakeContext({ datasetId: 'd' });
    const result = await profileDataset(ctx);
    expect(result.rowCount).toBe(3);
    expect(result.columns[0]).toMatchObject({ name: 'id', count: 3, nulls: 0, min: 1, max: 3, mean: 2, stddev: 1 });
    expect(result.columns[1]).toMatchObject({
      name: 'note',
      count: 2,
      nulls: 1,
      distinct: 2,
      topValues: [
        { value: '=SUM(A1)', count: 1 },
        { value: 'two\r\nlines', count: 1 },
      ],
    });
    expect(JSON.parse(uploads.get('profile.json')!.bytes.toString())).toEqual({ dataset: 'notes', rowCount: 3, columns: result.columns });
    expect(result.files).toEqual([{ name: 'profile.json', size: uploads.get('profile.json')!.bytes.length, contentType: 'application/json' }]);
  });
});

describe('jobs.noop', () => {
  it('returns ok, and stops sleeping when aborted', async () => {
    expect(await noop(fakeContext({}).ctx)).toEqual({ ok: true });
    const controller = new AbortController();
    const sleeping = noop(fakeContext({ sleepMs: 60_000 }, controller).ctx);
    controller.abort(new Error('cancelled'));
    await expect(sleeping).rejects.toThrow(/abort/);
  });
});
