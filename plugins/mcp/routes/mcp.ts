import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { type AppContext, createRoute, defineRoute, forbidden, getDb, getPrincipal, problemResponses } from 'atoll/plugin';
import { invalidMessage } from '../errors';
import { buildMcpServer } from '../services/build-server';
import type { McpDeps, McpSession } from '../services/context';
import { McpMessageSchema, McpResponseSchema } from './schemas';

/** What a key needs to reach the server at all; each tool and the resources ask for their own scopes on top. */
export const MCP_ACCESS = { apiKeysOnly: true, scopes: ['mcp:use'] } as const;

const message = createRoute({
  method: 'post',
  path: '/mcp',
  operationId: 'mcp.sendMessage',
  summary: "Model Context Protocol (Streamable HTTP, stateless): one JSON-RPC message; tools and dataset resources of the API key's tenant",
  description: "Acts in the API key's own tenant (`x-tenant-id` is not read). Answers JSON, never an event stream; there are no sessions, and GET and DELETE are 405.",
  request: { body: { content: { 'application/json': { schema: McpMessageSchema } }, required: true } },
  responses: {
    200: { description: 'The JSON-RPC response to a request', content: { 'application/json': { schema: McpResponseSchema } } },
    202: { description: 'A notification or response was accepted' },
    ...problemResponses(400, 401, 403),
  },
});

/** The transport checks the headers of a Streamable HTTP POST; the body it gets already parsed. */
function transportRequest(c: AppContext): Request {
  const headers = new Headers({ accept: 'application/json, text/event-stream', 'content-type': 'application/json' });
  const version = c.req.header('mcp-protocol-version');
  if (version !== undefined) headers.set('mcp-protocol-version', version);
  return new Request(c.req.url, { method: 'POST', headers });
}

/** The message of the JSON-RPC error the transport answered an HTTP error with. */
async function refusalOf(res: Response): Promise<string> {
  const body = (await res.json().catch(() => null)) as { error?: { message?: unknown } } | null;
  const text = body?.error?.message;
  return typeof text === 'string' ? text.slice(0, 500) : 'The message was refused';
}

export const mcpRoutes = (deps: McpDeps) => [
  defineRoute(
    message,
    async (c) => {
      const principal = getPrincipal(c);
      // Access control already refuses users (`apiKeysOnly`); this narrows the type and fails closed.
      if (principal.kind !== 'api_key') throw forbidden('KERNEL_FORBIDDEN', 'Only API keys can call this endpoint');
      const session: McpSession = { db: getDb(c), tenantId: principal.tenantId, keyId: principal.keyId, caller: { principal, role: principal.role }, signal: c.req.raw.signal, request: c };
      const server = buildMcpServer(deps, session);
      // Stateless, JSON answers: the whole exchange ends inside this handler, with the request's transaction.
      const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
      await server.connect(transport);
      try {
        const res = await transport.handleRequest(transportRequest(c), { parsedBody: c.req.valid('json') });
        if (res.status >= 400) throw invalidMessage(res.status, await refusalOf(res));
        return res;
      } finally {
        await server.close();
      }
    },
    { access: MCP_ACCESS, mountAtRoot: true },
  ),
];
