import { coreServices, definePlugin } from 'atoll/plugin';
import { chatToolsServiceRef } from '../chat';
import { datasetsServiceRef } from '../datasets';
import { mcpConfigSchema } from './config';
import { mcpRoutes } from './routes/mcp';

export { McpErrorCode } from './errors';

/**
 * MCP: the assistant's tools and the tenant's datasets for external agents (Claude Desktop, Claude
 * Code, any MCP client) at `POST /mcp`, over the Streamable HTTP transport, authenticated with an
 * API key. Tools come from the chat plugin's tool service, with its checks; every call is audited.
 * README.md says how to connect.
 */
export const mcpPlugin = definePlugin(() => ({
  id: 'mcp',
  version: '0.1.0',
  description: 'Model Context Protocol server: tools and dataset resources for API keys',
  host: '^0.1.0',
  requires: ['chat', 'datasets'],
  config: mcpConfigSchema,
  routes: (ctx) =>
    mcpRoutes({
      config: ctx.config,
      logger: ctx.logger,
      version: ctx.service(coreServices.host).version,
      tools: () => ctx.service(chatToolsServiceRef),
      datasets: () => ctx.service(datasetsServiceRef),
      limiter: () => ctx.service(coreServices.rateLimiter),
    }),
}));
