import { z } from 'atoll/plugin';

/** The MCP server's settings, each read from `MCP_<KEY>` (README.md). */
export const mcpConfigSchema = z.object({
  /** `MCP_CALLS_PER_MINUTE`: tool calls and resource reads one API key may make per minute. */
  callsPerMinute: z.coerce.number().int().min(1).max(10_000).default(60),
  /** `MCP_TOOL_RESULT_CHARS`: the text of one tool result the client's model reads (as `CHAT_TOOL_RESULT_CHARS`). */
  toolResultChars: z.coerce.number().int().min(500).max(200_000).default(8_000),
  /** `MCP_TABLE_CHARS`: the JSON size of a result table sent as structured content; rows past it are left out. */
  tableChars: z.coerce.number().int().min(1_000).max(4_000_000).default(200_000),
});

export type McpConfig = z.output<typeof mcpConfigSchema>;
