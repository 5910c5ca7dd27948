// The HTTP side of POST /mcp: who may call it, what a malformed request gets (always a 4xx
// problem, never a 5xx), what the transport answers besides requests, and the per-key call limit
// and result bounds.

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { describe, expect, it, vi } from 'vitest';
import { bodyOf, send } from '../../test/worker/harness';
import { apiKeyOf, team } from '../../test/worker/seed';
import { seedTable } from '../datasets/services/reads/testing';
import { uniqueName } from '../datasets/testing';
import { bootMcp, connect, textOf, toolAudit, transportTo } from './testing';

vi.setConfig({ testTimeout: 60_000 });
// Small limits, so one test file shows them; each test uses keys of its own (the limit is per key).
const atoll = await bootMcp({ MCP_CALLS_PER_MINUTE: '3', MCP_TOOL_RESULT_CHARS: '500', MCP_TABLE_CHARS: '1000' });
const t = await team(atoll, 'mcp-http');
const newKey = (scopes = ['mcp:use', 'datasets:read']) => apiKeyOf(atoll, { tenantId: t.tenant.id, scopes });
const key = await newKey();

const JSON_RPC = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
const post = async (body: string, headers: Record<string, string> = {}, token: string | null = key.secret) => {
  const res = await send(atoll, '/mcp', { method: 'POST', headers: { ...JSON_RPC, ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers }, body });
  return { status: res.status, type: res.headers.get('content-type') ?? '', headers: res.headers, body: await bodyOf(res) };
};
const LIST = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' });

describe('who may call /mcp', () => {
  it('answers 401 without credentials or with a forged key, to raw requests and the SDK client', async () => {
    for (const token of [null, 'atk_forged', `${key.secret.slice(0, -4)}AAAA`]) {
      const res = await post(LIST, {}, token);
      expect(res.status, JSON.stringify(res.body)).toBe(401);
      expect(res.type).toMatch(/^application\/problem\+json/);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
    const client = new Client({ name: 'anonymous', version: '0' });
    const refused = client.connect(transportTo(atoll));
    await expect(refused).rejects.toBeInstanceOf(StreamableHTTPError);
    await expect(refused).rejects.toMatchObject({ code: 401 });
  });

  it("refuses a user's bearer token, and a key without mcp:use (403)", async () => {
    expect(await post(LIST, {}, t.owner.accessToken)).toMatchObject({ status: 403, body: { code: 'KERNEL_FORBIDDEN' } });
    const other = await apiKeyOf(atoll, { tenantId: t.tenant.id, scopes: ['datasets:read'] });
    expect(await post(LIST, {}, other.secret)).toMatchObject({ status: 403, body: { code: 'KERNEL_FORBIDDEN' } });
  });
});

describe('malformed requests get a 4xx problem', () => {
  it.each([
    ['malformed JSON', '{"jsonrpc":', {}, 'KERNEL_MALFORMED_BODY'],
    ['not JSON-RPC', '{"hello":"world"}', {}, 'KERNEL_VALIDATION'],
    ['a batch', `[${LIST}]`, {}, 'KERNEL_VALIDATION'],
    ['a request and a result at once', JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping', result: {} }), {}, 'MCP_INVALID_MESSAGE'],
    ['an unsupported protocol version', LIST, { 'mcp-protocol-version': '1999-01-01' }, 'MCP_INVALID_MESSAGE'],
  ])('%s → 400', async (_label, body, headers, code) => {
    const res = await post(body, headers);
    expect(res, JSON.stringify(res.body)).toMatchObject({ status: 400, body: { code, status: 400 } });
    expect(res.type).toMatch(/^application\/problem\+json/);
  });

  it('refuses a body that is not JSON with 415', async () => {
    const res = await post('tools/list', { 'content-type': 'text/plain' });
    expect(res, JSON.stringify(res.body)).toMatchObject({ status: 415, type: expect.stringMatching(/^application\/problem\+json/), body: { status: 415 } });
  });

  it('refuses a body over the limit with 413', async () => {
    const res = await post(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping', params: { pad: 'x'.repeat(1_100_000) } }));
    expect(res).toMatchObject({ status: 413, body: { code: 'KERNEL_PAYLOAD_TOO_LARGE' } });
  });

  it('answers GET and DELETE with 405 and Allow: POST (no server-initiated streams, no sessions)', async () => {
    for (const method of ['GET', 'DELETE']) {
      const res = await send(atoll, '/mcp', { method, headers: { authorization: `Bearer ${key.secret}`, accept: 'text/event-stream' } });
      expect(res.status, method).toBe(405);
      expect(res.headers.get('allow')).toBe('POST');
    }
  });
});

describe('JSON-RPC over POST', () => {
  it('answers a request with JSON, a notification with 202, an unknown method with a JSON-RPC error', async () => {
    const ping = await post(JSON.stringify({ jsonrpc: '2.0', id: 'p1', method: 'ping' }));
    expect(ping).toMatchObject({ status: 200, type: expect.stringMatching(/^application\/json/), body: { jsonrpc: '2.0', id: 'p1', result: {} } });
    expect(ping.headers.get('mcp-session-id')).toBeNull();
    expect(ping.headers.get('x-request-id')).toBeTruthy();
    expect(await post(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }))).toMatchObject({ status: 202, body: '' });
    expect(await post(JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'prompts/list' }))).toMatchObject({ status: 200, body: { id: 2, error: { code: -32601 } } });
    const noName = await post(JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { arguments: {} } }));
    // The SDK checks a request's params before any handler runs, and reports the failure as its own.
    expect(noName, JSON.stringify(noName.body)).toMatchObject({ status: 200, body: { id: 3, error: { message: expect.stringContaining('name') } } });
  });

  it('answers (and audits) a call of a tool name Postgres could not store as sent', async () => {
    const res = await post(JSON.stringify({ jsonrpc: '2.0', id: 4, method: 'tools/call', params: { name: 'bad\u0000name\ud800', arguments: {} } }));
    expect(res, JSON.stringify(res.body)).toMatchObject({ status: 200, body: { id: 4, result: { isError: true } } });
    const audited = (await toolAudit(atoll, t.owner, t.tenant.id)).filter((e) => e.actorId === key.id);
    expect(audited.map((e) => e.targetId)).toContain('badname\ufffd');
  });
});

describe('limits', () => {
  it('answers calls past MCP_CALLS_PER_MINUTE with a tool error, and audits them', async () => {
    const own = await newKey();
    const client = await connect(atoll, own.secret);
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await client.callTool({ name: 'chat_calculator', arguments: { expression: '1 + 1' } }));
    expect(results.slice(0, 3).map((r) => r.isError ?? false)).toEqual([false, false, false]);
    expect(results[3]!.isError).toBe(true);
    expect(textOf(results[3]!)).toMatch(/^MCP_RATE_LIMITED: this API key may make at most 3 tool calls .* try again in \d+ s$/);
    await expect(client.readResource({ uri: 'atoll://datasets/anything' })).rejects.toMatchObject({ code: -32029 });
    await client.close();
    const audited = (await toolAudit(atoll, t.owner, t.tenant.id)).filter((e) => e.actorId === own.id);
    expect(audited.map((e) => [e.data.isError, e.data.summary])).toContainEqual([true, 'MCP_RATE_LIMITED']);
  });

  it('bounds the text (MCP_TOOL_RESULT_CHARS) and the structured table (MCP_TABLE_CHARS)', async () => {
    const rows = Array.from({ length: 100 }, (_, i) => [`row-${i}-${'x'.repeat(20)}`]);
    const big = await seedTable(atoll, t.tenant.id, { name: uniqueName('big'), columns: [{ name: 'label', type: 'text' }], rows });
    const client = await connect(atoll, (await newKey()).secret);
    const result = await client.callTool({ name: 'datasets_sql_query', arguments: { sql: `select label from ${big.name}` } });
    await client.close();
    expect(textOf(result).length).toBeLessThan(600);
    expect(textOf(result)).toMatch(/… \[\d+ more characters not shown\]$/);
    const table = result.structuredContent as { rows: unknown[][]; truncated: boolean };
    expect(table.truncated).toBe(true);
    expect(table.rows.length).toBeGreaterThan(10);
    expect(JSON.stringify(table).length).toBeLessThanOrEqual(1100);
  });
});
