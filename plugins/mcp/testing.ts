// Test helpers for the MCP plugin (not a test file itself): the official SDK's client, its requests
// sent through the Worker app rather than a socket.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { bootApp, send } from '../../test/worker/harness';
import { authTestEnv } from '../../test/worker/identity';
import type { AtollApp } from '../../worker/app';
import { analyticsPlugin } from '../analytics';
import { authPlugin } from '../auth';
import { chatPlugin } from '../chat';
import { datasetsPlugin } from '../datasets';
import { jobsPlugin } from '../jobs';
import { tenantsPlugin } from '../tenants';
import { call } from '../tenants/testing';
import { mcpPlugin } from '.';

export const MCP_URL = 'http://atoll.test/mcp';

/** An app with MCP and the plugins whose tools the tests call (datasets, analytics, jobs, chat's calculator). */
export const bootMcp = async (env: Record<string, string> = {}): Promise<AtollApp> =>
  bootApp([authPlugin(), tenantsPlugin(), datasetsPlugin(), analyticsPlugin(), jobsPlugin(), chatPlugin(), mcpPlugin()], { ...(await authTestEnv()), ...env });

/** A Streamable HTTP client transport whose requests go through `atoll` with `headers`. */
export const transportTo = (atoll: AtollApp, headers: Record<string, string> = {}) =>
  new StreamableHTTPClientTransport(new URL(MCP_URL), {
    fetch: (url, init) => send(atoll, new URL(url).pathname, init),
    requestInit: { headers },
  });

/**
 * The official SDK's MCP client, connected (initialize, then initialized) to `atoll`'s `/mcp` with
 * the bearer `token` (an `atk_` API key secret, or whatever a test sends) and any other `headers`.
 *
 * @example
 * const client = await connect(atoll, key.secret);
 * const { tools } = await client.listTools();
 */
export async function connect(atoll: AtollApp, token: string, headers: Record<string, string> = {}): Promise<Client> {
  const client = new Client({ name: 'atoll-tests', version: '0.0.0' });
  await client.connect(transportTo(atoll, { authorization: `Bearer ${token}`, ...headers }));
  return client;
}

/** The text of a tool result's first content block. */
export const textOf = (result: object): string => (result as { content?: { text?: string }[] }).content?.[0]?.text ?? '';

/** The tenant's `mcp.tool.called` audit entries, newest first, as its owner reads them. */
export async function toolAudit(atoll: AtollApp, owner: Parameters<typeof call>[3], tenantId: string) {
  const page = await call(atoll, 'GET', `/api/v1/tenants/${tenantId}/audit?limit=100`, owner, { status: 200 });
  return (page.items as { action: string; actorType: string; actorId: string; targetId: string; requestId: string | null; data: Record<string, unknown> }[]).filter(
    (e) => e.action === 'mcp.tool.called',
  );
}
