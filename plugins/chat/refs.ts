import { type ChatToolDefinition, type ChatToolResult, createServiceRef, type Database, type Principal, type TenantRole } from 'atoll/plugin';

/** Who calls a tool: their principal (a user or an API key) and role in the tenant. */
export interface ToolCaller {
  readonly principal: Principal;
  readonly role: TenantRole;
}

/**
 * The assistant's tools for other front doors (the MCP server): the same listing and the same checks
 * (role, API-key scopes, input, time limit) as the assistant and `POST /chat/tools/{name}`.
 */
export interface ChatToolsService {
  /** The tools `caller` may see and call, in plugin order. */
  usable(caller: ToolCaller): { pluginId: string; definition: ChatToolDefinition; inputSchema: Record<string, unknown> }[];
  /**
   * Runs tool `name` for `caller` in `tenantId`. A refusal or invalid input is thrown as an
   * AtollError (403 `CHAT_TOOL_FORBIDDEN`, 400 `CHAT_TOOL_INVALID_INPUT`, 404 `CHAT_TOOL_NOT_FOUND`);
   * with `asResult`, every failure comes back as `{ isError: true }` with a readable text instead.
   */
  run(input: {
    name: string;
    input: unknown;
    caller: ToolCaller;
    tenantId: string;
    db: Database;
    signal?: AbortSignal;
    asResult?: boolean;
  }): Promise<{ isError: boolean; result: ChatToolResult; durationMs: number }>;
}

export const chatToolsServiceRef = createServiceRef<ChatToolsService>({ id: 'chat.tools' });
