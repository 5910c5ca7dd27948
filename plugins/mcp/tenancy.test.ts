// Tenant B's key never reaches tenant A's data, whatever it names: SQL over A's dataset, A's ids,
// A's resources, A's tenant in `x-tenant-id`. The key's tenant is the only one an MCP request acts in.
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { apiKeyOf, team } from '../../test/worker/seed';
import { seedDataset } from '../analytics/testing';
import { seedTable } from '../datasets/services/reads/testing';
import { uniqueName } from '../datasets/testing';
import { bootMcp, connect, textOf } from './testing';

vi.setConfig({ testTimeout: 60_000 });
const atoll = await bootMcp();

const a = await team(atoll, 'mcp-ta');
const b = await team(atoll, 'mcp-tb');
const secret = await seedTable(atoll, a.tenant.id, { name: uniqueName('secret'), columns: [{ name: 'code', type: 'text' }], rows: [['a-only-7731']] });
const metric = uniqueName('a_metric');
await seedDataset(a.tenant.id, [[metric, 42, '2026-03-01T00:00:00Z']]);
const own = await seedTable(atoll, b.tenant.id, { name: uniqueName('own'), columns: [{ name: 'x', type: 'integer' }], rows: [['1']] });

const SCOPES = ['mcp:use', 'datasets:read', 'analytics:read'];
const bKey = await apiKeyOf(atoll, { tenantId: b.tenant.id, scopes: SCOPES, role: 'admin' });
const asB = await connect(atoll, bKey.secret);
// The same key naming A's tenant: the header is not read, the key's own tenant applies.
const asBNamingA = await connect(atoll, bKey.secret, { 'x-tenant-id': a.tenant.id });
afterAll(async () => {
  await asB.close();
  await asBNamingA.close();
});

describe("tenant B's API key", () => {
  it("finds no table of A's in SQL, by name", async () => {
    for (const client of [asB, asBNamingA]) {
      const result = await client.callTool({ name: 'datasets_sql_query', arguments: { sql: `select code from ${secret.name}` } });
      expect(result.isError, JSON.stringify(result)).toBe(true);
      expect(JSON.stringify(result)).not.toContain('a-only-7731');
    }
  });

  it("lists and describes only B's datasets", async () => {
    for (const client of [asB, asBNamingA]) {
      const listed = await client.callTool({ name: 'datasets_list', arguments: {} });
      expect((listed.structuredContent as { rows: unknown[][] }).rows.map((r) => r[0])).toEqual([own.name]);
      const described = await client.callTool({ name: 'datasets_describe', arguments: { dataset: secret.id } });
      expect(described.isError).toBe(true);
      expect(textOf(described)).toMatch(/^DATASETS_NOT_FOUND: /);
    }
  });

  it("sees none of A's metric points", async () => {
    const result = await asB.callTool({ name: 'analytics_timeseries', arguments: { metric, from: '2026-03-01T00:00:00Z', to: '2026-03-02T00:00:00Z' } });
    expect(result.structuredContent).toMatchObject({ rows: [] });
  });

  it("lists only B's datasets as resources, and cannot read A's", async () => {
    for (const client of [asB, asBNamingA]) {
      const { resources } = await client.listResources();
      expect(resources.map((r) => r.name)).toEqual([own.name]);
      for (const uri of [`atoll://datasets/${secret.id}`, `atoll://datasets/${secret.name}`]) {
        const read = client.readResource({ uri });
        await expect(read).rejects.toBeInstanceOf(McpError);
        await expect(read).rejects.toMatchObject({ code: -32002 });
      }
    }
  });

  it("gets A's data for A's own key (the control)", async () => {
    const aKey = await apiKeyOf(atoll, { tenantId: a.tenant.id, scopes: SCOPES });
    const asA = await connect(atoll, aKey.secret);
    const result = await asA.callTool({ name: 'datasets_sql_query', arguments: { sql: `select code from ${secret.name}` } });
    expect(textOf(result)).toContain('a-only-7731');
    expect((await asA.listResources()).resources.map((r) => r.name)).toContain(secret.name);
    await asA.close();
  });
});
