import { AtollError } from 'atoll/plugin';

/** Every error code the MCP plugin answers with: HTTP problems, tool-error texts and JSON-RPC error messages. */
export const McpErrorCode = {
  /** A message the MCP transport refused (e.g. an unsupported `MCP-Protocol-Version`). */
  INVALID_MESSAGE: 'MCP_INVALID_MESSAGE',
  /** Over `MCP_CALLS_PER_MINUTE`: a tool error, or a JSON-RPC error for a resource read. */
  RATE_LIMITED: 'MCP_RATE_LIMITED',
  RESOURCE_NOT_FOUND: 'MCP_RESOURCE_NOT_FOUND',
} as const;

/**
 * JSON-RPC error codes beyond the SDK's `ErrorCode`: MCP's "resource not found", and a rate limit
 * in the range JSON-RPC leaves to implementations (-32000..-32099; 29 as in HTTP 429).
 */
export const JsonRpcCode = { RESOURCE_NOT_FOUND: -32002, RATE_LIMITED: -32029 } as const;

/** A request the transport answered with an HTTP error, as the problem+json every 4xx of the API is. */
export const invalidMessage = (status: number, detail: string) => new AtollError('validation', McpErrorCode.INVALID_MESSAGE, detail, { status: status >= 400 && status < 500 ? status : 400 });

export const rateLimitedText = (perMinute: number, retryAfterSeconds: number) =>
  `${McpErrorCode.RATE_LIMITED}: this API key may make at most ${perMinute} tool calls and resource reads per minute; try again in ${retryAfterSeconds} s`;
