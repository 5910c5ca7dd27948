import { type ChatTools, type Database, type RateLimiterService, runInTenant, type TenantRole, type UserPrincipal } from 'atoll/plugin';
import { and, eq, inArray } from 'drizzle-orm';
import type { ChatConfig } from '../config';
import { chatRuns } from '../db/schema';
import { messageTooLong, runActive } from '../errors';
import { getOwnSession } from './get-session';
import { chargeMessage, checkBudget } from './limits';
import { resolveAssistant } from './resolve-assistant';
import type { RunSpec } from './run-loop';
import { appendMessage } from './run-store';
import { titleFromQuestion } from './session-title';
import { usableTools } from './tool-access';
import { touchSession } from './touch-session';

export interface SendMessageContext {
  db: Database;
  tenantId: string;
  user: UserPrincipal;
  role: TenantRole;
  config: ChatConfig;
  limiter: RateLimiterService;
  tools: ChatTools;
}

/** Said instead of an answer while no API key is set; the tools stay usable through the API. */
export const NOT_CONFIGURED_TEXT = 'The assistant is not configured on this server: an operator has to set CHAT_ANTHROPIC_API_KEY. You can still run its tools directly (Tools API).';

/**
 * Stores the user's message and opens a run for it, checking the message size, the user's rate, the
 * tenant's monthly token budget and that no other run of the session is going (409). Returns the run
 * to start; without an API key the run is answered at once with `NOT_CONFIGURED_TEXT`.
 */
export async function sendMessage(ctx: SendMessageContext, input: { sessionId: string; content: string }): Promise<{ spec: RunSpec; configured: boolean }> {
  const { config } = ctx;
  if (input.content.length > config.maxMessageChars) throw messageTooLong(config.maxMessageChars);
  return runInTenant(ctx.db, ctx.tenantId, async (tx) => {
    const session = await getOwnSession(tx, { tenantId: ctx.tenantId, userId: ctx.user.userId, sessionId: input.sessionId });
    const [active] = await tx
      .select({ id: chatRuns.id })
      .from(chatRuns)
      .where(and(eq(chatRuns.sessionId, session.id), inArray(chatRuns.status, ['running', 'awaiting_approval'])))
      .limit(1);
    if (active) throw runActive();
    await checkBudget(tx, config.monthlyTokens);
    await chargeMessage(ctx.limiter, { tenantId: ctx.tenantId, userId: ctx.user.userId, perMinute: config.messagesPerMinute });
    const assistant = await resolveAssistant(tx, ctx.tenantId, session.assistantId);
    const configured = Boolean(config.anthropicApiKey);
    const [run] = await tx
      .insert(chatRuns)
      .values({ tenantId: ctx.tenantId, sessionId: session.id, userId: ctx.user.userId, status: configured ? 'running' : 'done', finishedAt: configured ? null : new Date() })
      .returning({ id: chatRuns.id });
    await appendMessage(tx, { tenantId: ctx.tenantId, sessionId: session.id, role: 'user', content: [{ type: 'text', text: input.content }], runId: run!.id });
    if (!configured) {
      await appendMessage(tx, { tenantId: ctx.tenantId, sessionId: session.id, role: 'assistant', content: [{ type: 'text', text: NOT_CONFIGURED_TEXT }], runId: run!.id });
    }
    await touchSession(tx, { sessionId: session.id, autoTitle: titleFromQuestion(input.content) });
    const caller = { principal: ctx.user, role: ctx.role };
    const spec: RunSpec = {
      runId: run!.id,
      sessionId: session.id,
      tenantId: ctx.tenantId,
      principal: ctx.user,
      role: ctx.role,
      model: assistant.model ?? config.model,
      maxTokens: config.maxTokens,
      effort: assistant.effort ?? config.effort,
      maxSteps: Math.min(assistant.maxSteps ?? config.maxSteps, config.maxSteps),
      contextTokens: config.contextTokens,
      toolTimeoutMs: config.toolTimeoutMs,
      toolResultChars: config.toolResultChars,
      system: systemPrompt(assistant.instructions, session.datasetIds),
      tools: usableTools(ctx.tools, caller, assistant.tools).map((t) => t.definition.name),
    };
    return { spec, configured };
  });
}

function systemPrompt(instructions: string, datasetIds: readonly string[]): string {
  const parts = [instructions.trim(), `Today is ${new Date().toISOString().slice(0, 10)} (UTC). Answer from the tenant's data through the tools; say so when the data cannot answer.`];
  if (datasetIds.length > 0) parts.push(`This conversation is about the datasets with these ids (describe them with the tools): ${datasetIds.join(', ')}.`);
  return parts.filter(Boolean).join('\n\n');
}
