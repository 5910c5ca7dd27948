import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { AtollError, type Logger } from 'atoll/plugin';
import { JsonRpcCode } from '../errors';

/**
 * Runs one MCP request handler so that what it throws reaches the client as a JSON-RPC error with
 * our own message, never a raw one: the SDK would otherwise send any error's message (a driver's,
 * naming tables) as is. Unexpected errors are logged and reported generically.
 */
export async function guarded<T>(logger: Logger, method: string, handle: () => Promise<T>): Promise<T> {
  try {
    return await handle();
  } catch (error) {
    if (error instanceof McpError) throw error;
    if (error instanceof AtollError && error.kind !== 'internal' && error.kind !== 'bad_gateway') {
      const code = error.kind === 'rate_limited' ? JsonRpcCode.RATE_LIMITED : error.kind === 'unavailable' ? ErrorCode.InternalError : ErrorCode.InvalidParams;
      throw new McpError(code, `${error.code}: ${error.message}`);
    }
    logger.error('mcp request failed', { method, error });
    throw new McpError(ErrorCode.InternalError, 'The request failed with an internal error (logged)');
  }
}
