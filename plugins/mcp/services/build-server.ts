import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListToolsRequestSchema,
  ReadResourceRequestSchema,
  type Tool,
} from '@modelcontextprotocol/sdk/types.js';
import type { jsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/types.js';
import { callTool } from './call-tool';
import type { McpDeps, McpSession } from './context';
import { DATASET_TEMPLATE, listDatasetResources, mayReadDatasets, readDatasetResource } from './dataset-resources';
import { guarded } from './guard';

const INSTRUCTIONS =
  "Atoll's tools and datasets for one tenant: the API key's. Tools act with the key's role and scopes; list the datasets " +
  '(a datasets tool, or the resources) before querying them. Results are bounded: aggregate rather than reading many rows.';

// The server validates JSON Schemas only for elicitation, which it never asks for; the SDK's default
// (Ajv) would be built on every request and compiles validators with `new Function`, which Workers forbid.
const noSchemaValidation: jsonSchemaValidator = {
  getValidator: () => () => ({ valid: false, data: undefined, errorMessage: 'JSON Schema validation is not available here' }),
};

/**
 * The MCP server of one request (stateless: Workers requests share nothing, so each POST gets its
 * own): the tools the key may use, exactly as the chat plugin lists them, and the tenant's datasets
 * as resources when the key may read them. The low-level `Server` rather than `McpServer`: the tools
 * arrive with JSON Schemas, and the chat plugin validates their input itself.
 */
export function buildMcpServer(deps: McpDeps, session: McpSession): Server {
  const datasets = mayReadDatasets(session);
  const server = new Server(
    { name: 'atoll', version: deps.version },
    { capabilities: { tools: {}, ...(datasets ? { resources: {} } : {}) }, instructions: INSTRUCTIONS, jsonSchemaValidator: noSchemaValidation },
  );
  const guard = <T>(method: string, handle: () => Promise<T>) => guarded(deps.logger, method, handle);

  server.setRequestHandler(ListToolsRequestSchema, () =>
    guard('tools/list', async () => ({
      tools: deps
        .tools()
        .usable(session.caller)
        .map(
          ({ definition, inputSchema }): Tool => ({
            name: definition.name,
            description: definition.description,
            inputSchema: inputSchema as Tool['inputSchema'],
            annotations: { readOnlyHint: !definition.writes, openWorldHint: false },
          }),
        ),
    })),
  );
  server.setRequestHandler(CallToolRequestSchema, (request) => guard('tools/call', () => callTool({ deps, session, input: { name: request.params.name, arguments: request.params.arguments } })));
  if (datasets) {
    server.setRequestHandler(ListResourcesRequestSchema, (request) => guard('resources/list', () => listDatasetResources({ deps, session, cursor: request.params?.cursor })));
    server.setRequestHandler(ListResourceTemplatesRequestSchema, () => guard('resources/templates/list', async () => ({ resourceTemplates: [DATASET_TEMPLATE] })));
    server.setRequestHandler(ReadResourceRequestSchema, (request) => guard('resources/read', () => readDatasetResource({ deps, session, uri: request.params.uri })));
  }
  return server;
}
