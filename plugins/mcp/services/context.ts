import type { AppContext, Database, Logger, RateLimiterService } from 'atoll/plugin';
import type { ChatToolsService, ToolCaller } from '../../chat';
import type { DatasetsService } from '../../datasets';
import type { McpConfig } from '../config';

/** What the MCP server needs from the host and the plugins it requires; read per request. */
export interface McpDeps {
  readonly config: McpConfig;
  readonly logger: Logger;
  /** The host's version, sent as the server's version. */
  readonly version: string;
  readonly tools: () => ChatToolsService;
  readonly datasets: () => DatasetsService;
  readonly limiter: () => RateLimiterService;
}

/** One MCP request: the API key behind it, its tenant and the request's database. */
export interface McpSession {
  readonly db: Database;
  /** The key's own tenant: an MCP client names no other. */
  readonly tenantId: string;
  readonly keyId: string;
  /** The key as a tool caller: its role ceiling and scopes decide what it sees. */
  readonly caller: ToolCaller;
  /** Aborted when the client goes away. */
  readonly signal: AbortSignal;
  /** For the audit rows' request id. */
  readonly request?: AppContext | undefined;
}
