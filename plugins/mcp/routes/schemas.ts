import { z } from 'atoll/plugin';

const JsonRpcId = z.union([z.string().max(200), z.number().int()]).openapi({ description: 'Request id (string or integer)' });
const JsonRpcError = z.object({ code: z.number().int(), message: z.string(), data: z.unknown().optional() });

/**
 * One JSON-RPC 2.0 message of the Model Context Protocol. The route's schema documents it and turns
 * away what is not JSON-RPC at all; the MCP SDK's transport checks the rest.
 */
export const McpMessageSchema = z
  .object({
    jsonrpc: z.literal('2.0'),
    id: JsonRpcId.optional(),
    method: z.string().min(1).max(200).optional().openapi({ description: 'e.g. initialize, tools/list, tools/call, resources/list, resources/read' }),
    params: z.record(z.string(), z.unknown()).optional(),
    result: z.record(z.string(), z.unknown()).optional(),
    error: JsonRpcError.optional(),
  })
  .openapi('McpMessage', {
    description: 'A JSON-RPC 2.0 request (id, method, params), notification (method, params) or response (id, result or error). One message per request: batches are refused.',
  });

export const McpResponseSchema = z
  .object({ jsonrpc: z.literal('2.0'), id: JsonRpcId.optional(), result: z.record(z.string(), z.unknown()).optional(), error: JsonRpcError.optional() })
  .openapi('McpResponse', { description: 'The JSON-RPC response: `result`, or `error` (a failing tool is a result with `isError: true`, not an error)' });
