import { describe, expect, it, vi } from 'vitest';
import { bootDatasets, call, datasetWithUpload, ingested, newDataset, tableRowsOf, team, uniqueName, waitForIngest } from './testing';

vi.setConfig({ testTimeout: 60_000 });

const atoll = await bootDatasets();

// Hand-checked: line 3 holds the one cell that is not an integer, line 4 the date that is no date.
const SALES = ['region,qty,sold_on', 'north,12,2024-01-01', 'south,twelve,2024-01-02', 'east,7,2024-13-45', 'west,3,2024-01-04'].join('\n');

const ingestAgain = async (who: Parameters<typeof call>[3], tenant: string, id: string) => {
  await call(atoll, 'POST', `/api/v1/datasets/${id}/ingest`, who, { tenant, status: 202 });
  return waitForIngest(atoll, who, tenant, id);
};

describe('kind from the header', () => {
  it('reads a sales CSV as a table and a metric,value,timestamp CSV as metric when the kind is auto', async () => {
    const t = await team(atoll, 'guess');
    const sales = await ingested(atoll, t.member, t.tenant.id, SALES, { kind: 'auto' });
    expect(sales).toMatchObject({ status: 'ready', kind: 'table', kindFromHeader: true, rowCount: 4 });
    const metric = await ingested(atoll, t.member, t.tenant.id, 'Metric,Value,Timestamp\ncpu,1,2024-01-01\n', { kind: 'auto' });
    expect(metric).toMatchObject({ status: 'ready', kind: 'metric', kindFromHeader: true, rowCount: 1, columns: null });
    const json = await newDataset(atoll, t.member, t.tenant.id, { kind: 'auto', format: 'json' });
    expect(json.dataset).toMatchObject({ kind: 'metric', kindFromHeader: true });
  });
});

describe('type inference warnings and chosen column types', () => {
  it('warns about columns a few cells turned to text, and a chosen type makes those cells row errors', async () => {
    const t = await team(atoll, 'types');
    const tenant = t.tenant.id;
    const first = await ingested(atoll, t.member, tenant, SALES, { kind: 'table' });
    expect(first.columns).toEqual([
      { name: 'region', type: 'text' },
      { name: 'qty', type: 'text' },
      { name: 'sold_on', type: 'text' },
    ]);
    expect(first.columnWarnings).toEqual([
      { column: 'qty', likelyType: 'integer', badCells: 1, samples: [{ line: 3, value: 'twelve' }] },
      { column: 'sold_on', likelyType: 'timestamp', badCells: 1, samples: [{ line: 4, value: '2024-13-45' }] },
    ]);

    const patched = await call(atoll, 'PATCH', `/api/v1/datasets/${first.id}`, t.member, { tenant, body: { columnTypes: { QTY: 'integer' } }, status: 200 });
    expect(patched.columnTypes).toEqual({ qty: 'integer' });
    const again = await ingestAgain(t.member, tenant, first.id);
    expect(again).toMatchObject({ status: 'ready', rowCount: 3, skippedCount: 1, columnTypes: { qty: 'integer' } });
    expect(again.columns).toEqual([
      { name: 'region', type: 'text' },
      { name: 'qty', type: 'integer' },
      { name: 'sold_on', type: 'text' },
    ]);
    expect(again.rowErrors).toEqual([{ line: 3, message: 'qty: "twelve" is not an integer' }]);
    expect(again.columnWarnings.map((w: { column: string }) => w.column)).toEqual(['sold_on']);
    expect((await tableRowsOf(atoll, tenant, first.id)).map((r) => r.cells[1])).toEqual(['12', '7', '3']);

    // Back to inferred: the bad cell is kept as text again.
    await call(atoll, 'PATCH', `/api/v1/datasets/${first.id}`, t.member, { tenant, body: { columnTypes: {} }, status: 200 });
    expect(await ingestAgain(t.member, tenant, first.id)).toMatchObject({ rowCount: 4, skippedCount: 0, columnTypes: {} });
  });

  it('refuses unknown columns and types naming them, and keeps tenants and roles apart', async () => {
    const t = await team(atoll, 'typesbad');
    const other = await team(atoll, 'typesother');
    const tenant = t.tenant.id;
    const sales = await ingested(atoll, t.member, tenant, SALES, { kind: 'table' });
    const path = `/api/v1/datasets/${sales.id}`;
    const unknown = await call(atoll, 'PATCH', path, t.member, { tenant, body: { columnTypes: { qty: 'integer', nope: 'number' } }, status: 400, code: 'DATASETS_UNKNOWN_COLUMN' });
    expect(unknown.errors).toEqual([expect.objectContaining({ location: 'body', path: 'columnTypes.nope' })]);
    expect(unknown.detail).toContain('"nope"');
    const badType = await call(atoll, 'PATCH', path, t.member, { tenant, body: { columnTypes: { qty: 'money' } }, status: 400 });
    expect(badType.errors.map((e: { path: string }) => e.path)).toEqual(['columnTypes.qty']);
    await call(atoll, 'PATCH', path, t.member, { tenant, body: {}, status: 400 });
    const metric = await ingested(atoll, t.member, tenant, 'value\n1\n', { kind: 'metric' });
    const noColumns = await call(atoll, 'PATCH', `/api/v1/datasets/${metric.id}`, t.member, { tenant, body: { columnTypes: { value: 'number' } }, status: 400, code: 'DATASETS_UNKNOWN_COLUMN' });
    expect(noColumns.errors[0].path).toBe('columnTypes.value');
    await call(atoll, 'PATCH', path, t.viewer, { tenant, body: { columnTypes: { qty: 'integer' } }, status: 403 });
    await call(atoll, 'PATCH', path, other.owner, { tenant: other.tenant.id, body: { columnTypes: { qty: 'integer' } }, status: 404, code: 'DATASETS_NOT_FOUND' });
    await call(atoll, 'PATCH', path, other.owner, { tenant, body: { name: uniqueName() }, status: 404 });
    expect((await call(atoll, 'GET', path, t.viewer, { tenant, status: 200 })).columnTypes).toEqual({});
  });
});

describe('rename, change kind, delete', () => {
  it('renames (names stay unique ignoring case) and frees the old name', async () => {
    const t = await team(atoll, 'rename');
    const tenant = t.tenant.id;
    const old = uniqueName('old');
    const { dataset } = await newDataset(atoll, t.member, tenant, { name: old });
    const taken = uniqueName('Taken');
    await newDataset(atoll, t.member, tenant, { name: taken });
    const renamed = uniqueName('new');
    expect(await call(atoll, 'PATCH', `/api/v1/datasets/${dataset.id}`, t.member, { tenant, body: { name: renamed }, status: 200 })).toMatchObject({ name: renamed, description: null });
    await call(atoll, 'PATCH', `/api/v1/datasets/${dataset.id}`, t.member, { tenant, body: { name: taken.toLowerCase() }, status: 409, code: 'DATASETS_NAME_TAKEN' });
    const bad = await call(atoll, 'PATCH', `/api/v1/datasets/${dataset.id}`, t.member, { tenant, body: { name: '9 lives' }, status: 400 });
    expect(bad.errors.map((e: { path: string }) => e.path)).toEqual(['name']);
    await newDataset(atoll, t.member, tenant, { name: old });
  });

  it('a failed dataset is not a dead end: a new kind ingests the file again, and deleting frees the name', async () => {
    const t = await team(atoll, 'kind');
    const tenant = t.tenant.id;
    const name = uniqueName('sales');
    const failed = await ingested(atoll, t.member, tenant, SALES, { name, kind: 'metric' });
    expect(failed).toMatchObject({ status: 'error', kind: 'metric' });
    expect(failed.error).toContain('"value"');
    const queued = await call(atoll, 'PATCH', `/api/v1/datasets/${failed.id}`, t.member, { tenant, body: { kind: 'table' }, status: 200 });
    expect(queued).toMatchObject({ kind: 'table', kindFromHeader: false, status: 'queued' });
    expect(await waitForIngest(atoll, t.member, tenant, failed.id)).toMatchObject({ status: 'ready', kind: 'table', rowCount: 4 });

    const back = await call(atoll, 'PATCH', `/api/v1/datasets/${failed.id}`, t.member, { tenant, body: { kind: 'auto' }, status: 200 });
    expect(back).toMatchObject({ kindFromHeader: true, status: 'queued', rowCount: 0 });
    expect(await waitForIngest(atoll, t.member, tenant, failed.id)).toMatchObject({ status: 'ready', kind: 'table', rowCount: 4 });

    const json = await datasetWithUpload(atoll, t.member, tenant, '[{"value":1}]', { format: 'json' });
    await call(atoll, 'PATCH', `/api/v1/datasets/${json.id}`, t.member, { tenant, body: { kind: 'table' }, status: 400, code: 'DATASETS_INVALID_FORMAT' });
    // No file yet: the new kind waits for one.
    const empty = await newDataset(atoll, t.member, tenant, { kind: 'metric' });
    expect(await call(atoll, 'PATCH', `/api/v1/datasets/${empty.dataset.id}`, t.member, { tenant, body: { kind: 'table' }, status: 200 })).toMatchObject({ kind: 'table', status: 'created' });

    await call(atoll, 'DELETE', `/api/v1/datasets/${failed.id}`, t.member, { tenant, status: 403 });
    await call(atoll, 'DELETE', `/api/v1/datasets/${failed.id}`, t.owner, { tenant, status: 204 });
    await newDataset(atoll, t.member, tenant, { name });
  });
});
