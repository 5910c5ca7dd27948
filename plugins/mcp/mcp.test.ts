import { afterAll, describe, expect, it, vi } from 'vitest';
import { apiKeyOf, team } from '../../test/worker/seed';
import { seedDataset } from '../analytics/testing';
import { seedTable } from '../datasets/services/reads/testing';
import { uniqueName } from '../datasets/testing';
import { bootMcp, connect, textOf, toolAudit } from './testing';

vi.setConfig({ testTimeout: 60_000 });
const atoll = await bootMcp();

// Tenant A: a table dataset (sales by region) and a metric dataset (temp, hourly).
const a = await team(atoll, 'mcp-a');
const sales = await seedTable(atoll, a.tenant.id, {
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
const temp = uniqueName('temp');
await seedDataset(a.tenant.id, [
  [temp, 1, '2026-03-01T00:00:00Z'],
  [temp, 3, '2026-03-01T00:30:00Z'],
  [temp, 8, '2026-03-01T01:00:00Z'],
]);

const READER = ['mcp:use', 'datasets:read', 'analytics:read'];
const reader = await apiKeyOf(atoll, { tenantId: a.tenant.id, scopes: READER });
const client = await connect(atoll, reader.secret);
afterAll(() => client.close());

const names = async (scopes: string[], role?: 'viewer' | 'member' | 'admin') => {
  const key = await apiKeyOf(atoll, { tenantId: a.tenant.id, scopes, ...(role ? { role } : {}) });
  const other = await connect(atoll, key.secret);
  try {
    return (await other.listTools()).tools.map((t) => t.name);
  } finally {
    await other.close();
  }
};

describe('tools/list', () => {
  it("lists exactly the tools the key's scopes and role allow, with JSON Schemas and read-only hints", async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(
      ['analytics_chart', 'analytics_list_metrics', 'analytics_timeseries', 'chat_calculator', 'datasets_describe', 'datasets_list', 'datasets_sql_query'].sort(),
    );
    const sql = tools.find((t) => t.name === 'datasets_sql_query')!;
    expect(sql.inputSchema).toMatchObject({ type: 'object', properties: { sql: { type: 'string' } }, required: ['sql'] });
    expect(sql.annotations).toMatchObject({ readOnlyHint: true });
  });

  it('shows jobs_start only to a key with jobs:write and at least the member role', async () => {
    expect(await names(READER)).not.toContain('jobs_start');
    const writer = await names([...READER, 'jobs:read', 'jobs:write']);
    expect(writer).toEqual(expect.arrayContaining(['jobs_start', 'jobs_list_types']));
    expect(await names([...READER, 'jobs:write'], 'viewer')).not.toContain('jobs_start');
  });

  it('hides the datasets tools from a key without datasets:read', async () => {
    const listed = await names(['mcp:use', 'analytics:read']);
    expect(listed.filter((n) => n.startsWith('datasets_'))).toEqual([]);
    expect(listed).toContain('analytics_timeseries');
  });
});

describe('tools/call', () => {
  it('runs datasets_sql_query over real rows: text for the model, the table as structured content', async () => {
    const result = await client.callTool({ name: 'datasets_sql_query', arguments: { sql: `select region, sum(amount) as total from ${sales.name} group by region order by region` } });
    expect(result.isError, JSON.stringify(result)).toBeFalsy();
    expect(textOf(result)).toContain('region,total\nnorth,17\nsouth,5');
    expect(result.structuredContent).toEqual({
      columns: ['region', 'total'],
      rows: [
        ['north', 17],
        ['south', 5],
      ],
      truncated: false,
    });
  });

  it('runs analytics_timeseries', async () => {
    const result = await client.callTool({ name: 'analytics_timeseries', arguments: { metric: temp, from: '2026-03-01T00:00:00Z', to: '2026-03-01T02:00:00Z', agg: 'sum' } });
    expect(result.isError, JSON.stringify(result)).toBeFalsy();
    expect(result.structuredContent).toEqual({
      columns: ['bucket_start', 'sum', 'points'],
      rows: [
        ['2026-03-01T00:00:00.000Z', 4, 2],
        ['2026-03-01T01:00:00.000Z', 8, 1],
      ],
      truncated: false,
    });
  });

  it('runs chat_calculator', async () => {
    const result = await client.callTool({ name: 'chat_calculator', arguments: { expression: '(2 + 3) * 4' } });
    expect(result).toEqual({ content: [{ type: 'text', text: '(2 + 3) * 4 = 20' }] });
  });

  it('answers bad arguments with a tool error naming the field, not a JSON-RPC error', async () => {
    const result = await client.callTool({ name: 'datasets_sql_query', arguments: { sql: 42 } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^CHAT_TOOL_INVALID_INPUT: .*\ninput\.sql: /);
    const refused = await client.callTool({ name: 'datasets_sql_query', arguments: { sql: `delete from ${sales.name}` } });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(/^DATASETS_SQL_/);
    // Failing in Postgres itself leaves the request's transaction usable (the audit row follows).
    const failed = await client.callTool({ name: 'datasets_sql_query', arguments: { sql: `select amount / 0 as x from ${sales.name}` } });
    expect(failed.isError, JSON.stringify(failed)).toBe(true);
    expect(textOf(failed)).toMatch(/^DATASETS_SQL_/);
  });

  it('answers an unknown tool, or one the key may not use, as not found (a tool error)', async () => {
    const unknown = await client.callTool({ name: 'no_such_tool', arguments: {} });
    expect(unknown.isError).toBe(true);
    expect(textOf(unknown)).toMatch(/^CHAT_TOOL_NOT_FOUND: /);
    const key = await apiKeyOf(atoll, { tenantId: a.tenant.id, scopes: ['mcp:use', 'analytics:read'] });
    const narrow = await connect(atoll, key.secret);
    const denied = await narrow.callTool({ name: 'datasets_sql_query', arguments: { sql: `select 1 from ${sales.name}` } });
    await narrow.close();
    expect(denied.isError).toBe(true);
    expect(textOf(denied)).toMatch(/^CHAT_TOOL_NOT_FOUND: /);
  });

  it('audits every call: the key, the tool and the outcome, never the input', async () => {
    const key = await apiKeyOf(atoll, { tenantId: a.tenant.id, scopes: READER });
    const own = await connect(atoll, key.secret);
    await own.callTool({ name: 'chat_calculator', arguments: { expression: '6 * 7' } });
    await own.callTool({ name: 'chat_calculator', arguments: { expression: '1 +' } });
    await own.close();
    const entries = (await toolAudit(atoll, a.owner, a.tenant.id)).filter((e) => e.actorId === key.id);
    expect(entries).toHaveLength(2);
    expect(entries.map((e) => [e.actorType, e.targetId, e.data.isError])).toEqual([
      ['api_key', 'chat_calculator', true],
      ['api_key', 'chat_calculator', false],
    ]);
    expect(entries[0]!.requestId).toBeTruthy();
    expect(JSON.stringify(entries)).not.toContain('6 * 7');
  });
});
