import { sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { bootDatasets, call, datasetWithUpload, deliver, ingested, inTenant, metricRows, storage, tableRowsOf, team } from './testing';

vi.setConfig({ testTimeout: 60_000 });

const atoll = await bootDatasets();
const t = await team(atoll, 'ingest');
const tenant = t.tenant.id;

// Hand-checked: line numbers are where each record starts (the header is line 1).
const METRIC_CSV = [
  'metric,value,timestamp', //          1
  'cpu,1.5,2024-01-01T00:00:00Z', //     2 ok
  ',2,2024-01-01T00:00:01Z', //          3 ok, metric "value"
  'mem,,2024-01-01T00:00:02Z', //        4 value missing
  'mem,abc,2024-01-01T00:00:03Z', //     5 not a number
  '"multi', //                           6 ok (the record spans lines 6-7), epoch seconds
  'line",3,1704067204',
  'disk,4,', //                          8 ok, timestamp = ingest time
  'disk,5,not-a-time', //                9 bad timestamp
  'net,NaN,1704067205000', //            10 not a number
  'net,0,1704067205000', //              11 ok: a real 0, epoch milliseconds
  'net,Infinity,', //                    12 not a number
].join('\r\n');

const TS_ERROR = 'timestamp is not ISO 8601 or epoch seconds/milliseconds';

describe('metric ingestion through the real queue consumer', () => {
  it('applies every metric rule and reports rejected rows with their line numbers', async () => {
    const before = Date.now();
    const done = await ingested(atoll, t.member, tenant, METRIC_CSV);
    const after = Date.now();
    expect(done).toMatchObject({ status: 'ready', rowCount: 5, skippedCount: 5, error: null, columns: null });
    expect(done.rowErrors).toEqual([
      { line: 4, message: 'value is missing' },
      { line: 5, message: 'value is not a number' },
      { line: 9, message: TS_ERROR },
      { line: 10, message: 'value is not a number' },
      { line: 12, message: 'value is not a number' },
    ]);
    const rows = await metricRows(atoll, tenant, done.id);
    const disk = rows.find((r) => r.metric === 'disk')!;
    expect(Date.parse(disk.ts)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(disk.ts)).toBeLessThanOrEqual(after);
    expect(rows.filter((r) => r !== disk)).toEqual([
      { metric: 'cpu', value: 1.5, ts: '2024-01-01T00:00:00.000Z' },
      { metric: 'value', value: 2, ts: '2024-01-01T00:00:01.000Z' },
      { metric: 'multi\r\nline', value: 3, ts: '2024-01-01T00:00:04.000Z' },
      { metric: 'net', value: 0, ts: '2024-01-01T00:00:05.000Z' },
    ]);
  });

  it('reads columns in any order and case, ignores extras, and takes value alone', async () => {
    const done = await ingested(atoll, t.member, tenant, '\uFEFFTimestamp,x,VALUE,host\n2024-03-01 12:00:00+01:00,ignored,7,a\n');
    expect(done).toMatchObject({ status: 'ready', rowCount: 1, skippedCount: 0 });
    expect(await metricRows(atoll, tenant, done.id)).toEqual([{ metric: 'value', value: 7, ts: '2024-03-01T11:00:00.000Z' }]);
  });

  it('keeps only the first 100 row errors but counts them all', async () => {
    const done = await ingested(atoll, t.member, tenant, `value\n${'x\n'.repeat(150)}1\n`);
    expect(done).toMatchObject({ status: 'ready', rowCount: 1, skippedCount: 150 });
    expect(done.rowErrors).toHaveLength(100);
    expect(done.rowErrors.at(-1)).toEqual({ line: 101, message: 'value is not a number' });
  });

  it('ingests a JSON array of objects with the same rules (line = element number)', async () => {
    const json = JSON.stringify([
      { metric: 'cpu', value: 1, timestamp: '2024-01-01T00:00:00Z' },
      { value: '2.5', timestamp: 1704067201 },
      { metric: 'cpu', value: null, timestamp: '2024-01-01T00:00:02Z' },
      { metric: 'cpu', value: 'high' },
      { metric: 'cpu', value: 3, timestamp: 'soon' },
    ]);
    const done = await ingested(atoll, t.member, tenant, json, { format: 'json' });
    expect(done).toMatchObject({ status: 'ready', rowCount: 2, skippedCount: 3 });
    expect(done.rowErrors).toEqual([
      { line: 3, message: 'value is missing' },
      { line: 4, message: 'value is not a number' },
      { line: 5, message: TS_ERROR },
    ]);
    expect(await metricRows(atoll, tenant, done.id)).toEqual([
      { metric: 'cpu', value: 1, ts: '2024-01-01T00:00:00.000Z' },
      { metric: 'value', value: 2.5, ts: '2024-01-01T00:00:01.000Z' },
    ]);
  });

  it('ends in error with a reason and no rows for files that cannot be read as a whole', async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['{"value": 1}', { format: 'json' }, 'The JSON document is not an array (expected [ at the start)'],
      ['[{"value": 1}, 2]', { format: 'json' }, 'Element 2 of the JSON array is not an object'],
      ['[{"value": 1}', { format: 'json' }, 'The JSON array is not closed (the file ends early)'],
      ['metric,amount\ncpu,1\n', {}, 'The header has no "value" column (metric datasets need value; metric and timestamp are optional)'],
      ['', {}, 'The file is empty (a CSV header line is required)'],
      ['value\n1\n"2\n', {}, 'Unterminated quoted field in the record starting on line 3'],
    ];
    for (const [content, body, reason] of cases) {
      const done = await ingested(atoll, t.member, tenant, content, body);
      expect(done, content).toMatchObject({ status: 'error', error: reason, rowCount: 0 });
      expect(await metricRows(atoll, tenant, done.id)).toEqual([]);
    }
  });
});

describe('table ingestion', () => {
  it('infers column types over the whole file, stores cells as text (null when empty) and rejects ragged rows', async () => {
    const csv = 'id,price,active,seen,name,empty\n1,9.5,true,2024-01-01,"a, b",\n2,10,FALSE,2024-01-02T10:00:00Z,,\n3,x\n4,1e3,,,"say ""hi""",\n';
    const done = await ingested(atoll, t.member, tenant, csv, { kind: 'table' });
    expect(done).toMatchObject({ status: 'ready', rowCount: 3, skippedCount: 1, rowErrors: [{ line: 4, message: 'expected 6 cells, found 2' }] });
    expect(done.columns).toEqual([
      { name: 'id', type: 'integer' },
      { name: 'price', type: 'number' },
      { name: 'active', type: 'boolean' },
      { name: 'seen', type: 'timestamp' },
      { name: 'name', type: 'text' },
      { name: 'empty', type: 'text' },
    ]);
    expect(await tableRowsOf(atoll, tenant, done.id)).toEqual([
      { row_number: 1, cells: ['1', '9.5', 'true', '2024-01-01', 'a, b', null] },
      { row_number: 2, cells: ['2', '10', 'FALSE', '2024-01-02T10:00:00Z', null, null] },
      { row_number: 3, cells: ['4', '1e3', null, null, 'say "hi"', null] },
    ]);
  });

  it('refuses headers with empty or duplicate names', async () => {
    const dup = await ingested(atoll, t.member, tenant, 'a,B,b\n1,2,3\n', { kind: 'table' });
    expect(dup).toMatchObject({ status: 'error', error: 'Column name "b" appears twice in the header (names are compared ignoring case)' });
    const empty = await ingested(atoll, t.member, tenant, 'a,,c\n1,2,3\n', { kind: 'table' });
    expect(empty).toMatchObject({ status: 'error', error: 'Column 2 of the header has no name' });
  });

  it('fails the run when the uploaded file disappeared before the consumer read it', async () => {
    const dataset = await datasetWithUpload(atoll, t.member, tenant, 'value\n1\n');
    await storage.delete(`tenants/${tenant}/datasets/${dataset.id}/source`);
    const runId = crypto.randomUUID();
    await inTenant(atoll, tenant, (tx) => tx.execute(sql`update datasets set status = 'queued', run_id = ${runId} where id = ${dataset.id}`));
    await deliver(atoll, [{ tenantId: tenant, datasetId: dataset.id, runId, requestedAt: new Date().toISOString() }]);
    const done = await call(atoll, 'GET', `/api/v1/datasets/${dataset.id}`, t.member, { tenant, status: 200 });
    expect(done).toMatchObject({ status: 'error', error: 'The uploaded file is gone; upload it again', rowCount: 0 });
  });

  it('fails the run for a file that is not UTF-8', async () => {
    const dataset = await datasetWithUpload(atoll, t.member, tenant, 'placeholder');
    await storage.put(`tenants/${tenant}/datasets/${dataset.id}/source`, new Uint8Array([0x76, 0x61, 0x6c, 0x75, 0x65, 0x0a, 0x31, 0xff, 0x0a]));
    const runId = crypto.randomUUID();
    await inTenant(atoll, tenant, (tx) => tx.execute(sql`update datasets set status = 'queued', run_id = ${runId} where id = ${dataset.id}`));
    await deliver(atoll, [{ tenantId: tenant, datasetId: dataset.id, runId, requestedAt: new Date().toISOString() }]);
    const done = await call(atoll, 'GET', `/api/v1/datasets/${dataset.id}`, t.member, { tenant, status: 200 });
    expect(done).toMatchObject({ status: 'error', error: 'The file is not valid UTF-8 (near byte 9)', rowCount: 0 });
  });
});
