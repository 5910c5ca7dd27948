import type { McpDeps, McpSession } from './context';

/**
 * Counts one tool call or resource read against the key's `MCP_CALLS_PER_MINUTE` (per key, not per
 * tenant: each agent gets its own budget). Without the limiter binding, calls go through.
 */
export async function chargeCall(deps: McpDeps, session: McpSession): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }> {
  const decision = await deps.limiter().hit(`mcp.calls|${session.keyId}`, deps.config.callsPerMinute, 60);
  return decision && !decision.allowed ? { allowed: false, retryAfterSeconds: decision.retryAfterSeconds } : { allowed: true };
}
