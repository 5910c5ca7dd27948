import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { isWellFormedText, recordAudit, runInTenant } from 'atoll/plugin';
import { rateLimitedText } from '../errors';
import { chargeCall } from './charge-call';
import type { McpDeps, McpSession } from './context';
import { toCallToolResult } from './tool-result';

/**
 * Text an audit row can hold, at most `max` characters: the tool name comes from the client, and
 * Postgres refuses NUL in text and jsonb (lone surrogates it would store as U+FFFD: replaced here).
 */
function storable(text: string, max: number): string {
  const cut = text.replace(/\u0000/g, '').slice(0, max);
  return isWellFormedText(cut) ? cut : cut.replace(/[\uD800-\uDFFF]/g, '\uFFFD');
}

/**
 * `tools/call`: counts the call against the key's per-minute budget, runs the tool through the chat
 * plugin's tool service (the assistant's checks: role, key scopes, input, time limit) and records
 * `mcp.tool.called` with the tool's name and outcome, never its input. Every failure, a refusal or
 * the rate limit included, is a tool result with `isError`, so the client's model reads why.
 */
export async function callTool({ deps, session, input }: { deps: McpDeps; session: McpSession; input: { name: string; arguments: unknown } }): Promise<CallToolResult> {
  const charge = await chargeCall(deps, session);
  const outcome = charge.allowed
    ? await deps.tools().run({ name: input.name, input: input.arguments ?? {}, caller: session.caller, tenantId: session.tenantId, db: session.db, signal: session.signal, asResult: true })
    : { isError: true, result: { text: rateLimitedText(deps.config.callsPerMinute, charge.retryAfterSeconds), summary: 'MCP_RATE_LIMITED' }, durationMs: 0 };
  const entry = {
    tenantId: session.tenantId,
    actorType: 'api_key' as const,
    actorId: session.keyId,
    action: 'mcp.tool.called',
    targetType: 'chat_tool',
    targetId: storable(input.name, 100),
    data: { isError: outcome.isError, summary: storable(outcome.result.summary ?? '', 200), durationMs: outcome.durationMs },
  };
  await runInTenant(session.db, session.tenantId, (tx) => recordAudit(tx, entry, session.request));
  return toCallToolResult(outcome, { textChars: deps.config.toolResultChars, tableChars: deps.config.tableChars });
}
