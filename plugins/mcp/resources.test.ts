import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { apiKeyOf, team } from '../../test/worker/seed';
import { seedTable } from '../datasets/services/reads/testing';
import { uniqueName } from '../datasets/testing';
import { bootMcp, connect } from './testing';

vi.setConfig({ testTimeout: 60_000 });
const atoll = await bootMcp();

const t = await team(atoll, 'mcp-res');
const sales = await seedTable(atoll, t.tenant.id, {
  name: uniqueName('sales'),
  columns: [
    { name: 'region', type: 'text' },
    { name: 'amount', type: 'integer' },
  ],
  rows: [
    ['north', '10'],
    ['south', '5'],
    ['north', '7'],
  ],
});
const broken = await seedTable(atoll, t.tenant.id, { name: uniqueName('broken'), columns: [], rows: [], status: 'error' });
const key = await apiKeyOf(atoll, { tenantId: t.tenant.id, scopes: ['mcp:use', 'datasets:read'], role: 'viewer' });
const client = await connect(atoll, key.secret);
afterAll(() => client.close());

const readJson = async (uri: string) => {
  const { contents } = await client.readResource({ uri });
  expect(contents).toHaveLength(1);
  expect(contents[0]).toMatchObject({ uri, mimeType: 'application/json' });
  return JSON.parse((contents[0] as { text: string }).text);
};

describe('dataset resources', () => {
  it("lists the tenant's datasets, newest first, by id URI", async () => {
    const { resources, nextCursor } = await client.listResources();
    expect(resources).toEqual([
      { uri: `atoll://datasets/${broken.id}`, name: broken.name, title: broken.name, description: 'table dataset, error, 0 rows', mimeType: 'application/json' },
      { uri: `atoll://datasets/${sales.id}`, name: sales.name, title: sales.name, description: 'table dataset, ready, 3 rows', mimeType: 'application/json' },
    ]);
    expect(nextCursor).toBeUndefined();
    expect((await client.listResourceTemplates()).resourceTemplates).toEqual([expect.objectContaining({ uriTemplate: 'atoll://datasets/{dataset}', mimeType: 'application/json' })]);
  });

  it("reads a ready dataset's schema and summary, by id or by name", async () => {
    for (const ref of [sales.id, sales.name.toUpperCase()]) {
      const doc = await readJson(`atoll://datasets/${ref}`);
      expect(doc).toMatchObject({ id: sales.id, name: sales.name, kind: 'table', status: 'ready', rowCount: 3, error: null });
      expect(doc.columns).toEqual([
        { name: 'region', type: 'text', sqlType: 'text' },
        { name: 'amount', type: 'integer', sqlType: 'bigint' },
      ]);
      expect(doc.summary).toEqual([
        { name: 'region', type: 'text', count: 3, nulls: 0, distinct: 2, min: 'north', max: 'south', mean: null },
        { name: 'amount', type: 'integer', count: 3, nulls: 0, distinct: 3, min: 5, max: 10, mean: 22 / 3 },
      ]);
    }
  });

  it('reads a dataset that is not ready without a summary', async () => {
    expect(await readJson(`atoll://datasets/${broken.id}`)).toMatchObject({ id: broken.id, status: 'error', columns: [], summary: null });
  });

  it('answers an unknown dataset, a foreign URI and a bad cursor with JSON-RPC errors', async () => {
    for (const uri of ['atoll://datasets/no_such_dataset', 'atoll://datasets/', 'atoll://datasets/a/b', 'atoll://datasets/%E0%A4%A', 'file:///etc/passwd']) {
      await expect(client.readResource({ uri }), uri).rejects.toMatchObject({ code: -32002 });
    }
    const bad = client.listResources({ cursor: 'not-a-cursor!' });
    await expect(bad).rejects.toBeInstanceOf(McpError);
    await expect(bad).rejects.toMatchObject({ code: -32602, message: expect.stringContaining('DATASETS_INVALID_CURSOR') });
  });

  it('offers no resources to a key without datasets:read', async () => {
    const narrow = await apiKeyOf(atoll, { tenantId: t.tenant.id, scopes: ['mcp:use'] });
    const other = await connect(atoll, narrow.secret);
    expect(other.getServerCapabilities()).toMatchObject({ tools: {} });
    expect(other.getServerCapabilities()?.resources).toBeUndefined();
    await other.close();
  });
});
