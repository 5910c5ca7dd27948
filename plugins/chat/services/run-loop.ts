import type Anthropic from '@anthropic-ai/sdk';
import { type ChatTools, type Database, type Logger, type Principal, runInTenant, type TenantRole } from 'atoll/plugin';
import type { ChatEffort } from '../db/schema';
import { compactIfNeeded } from './compaction';
import { modelMessages, systemBlocks, toolUses } from './conversation';
import { modelStep } from './model-step';
import type { RunEmit } from './run-events';
import { addRunStep, appendMessage, getRun, loadConversation, setRunStatus } from './run-store';
import { modelTools } from './tool-access';
import { answerToolCalls } from './tool-round';

/** Everything a run needs, fixed when the message is sent (the caller's rights included). */
export interface RunSpec {
  runId: string;
  sessionId: string;
  tenantId: string;
  principal: Principal;
  role: TenantRole;
  model: string;
  maxTokens: number;
  effort: ChatEffort;
  maxSteps: number;
  contextTokens: number;
  toolTimeoutMs: number;
  toolResultChars: number;
  /** The assistant's instructions and what the session is about (its datasets). */
  system: string;
  /** Names of the tools this run may offer the model (already narrowed to the caller's rights). */
  tools: string[];
}

export interface RunDeps {
  db: Database;
  logger: Logger;
  tools: ChatTools;
  client: Anthropic;
}

export type RunOutcome = 'finished' | 'paused';

/**
 * Drives a run from what is stored, so it can start, resume after an approval, or take over after
 * its Durable Object restarted: answer the last assistant turn's tool calls (pausing when a writing
 * tool waits for approval), else call the model, until the model ends its turn or the step limit.
 * Every step is stored before the next begins.
 */
export async function driveRun(deps: RunDeps, spec: RunSpec, emit: RunEmit, signal: AbortSignal): Promise<RunOutcome> {
  const inTenant = <T>(fn: (tx: Database) => Promise<T>) => runInTenant(deps.db, spec.tenantId, fn);
  const entries = spec.tools.map((name) => deps.tools.get(name)).filter((e) => e !== undefined);
  const tools = modelTools(entries);
  const system = systemBlocks(spec.system);
  const finish = async (reason: string) => {
    await inTenant((tx) => setRunStatus(tx, spec.runId, reason === 'cancelled' ? 'cancelled' : 'done'));
    await emit('done', { reason });
    return 'finished' as const;
  };

  for (;;) {
    const [conversation, run] = await inTenant(async (tx) => [await loadConversation(tx, spec.sessionId), await getRun(tx, spec.runId)] as const);
    if (!run || run.status === 'done' || run.status === 'error' || run.status === 'cancelled') return 'finished';
    const last = conversation.messages.at(-1);
    const pending = last?.role === 'assistant' ? toolUses(last.content) : [];
    if (pending.length > 0) {
      const results = await answerToolCalls({ deps, spec, calls: pending, emit, signal, stepLimitReached: run.steps >= spec.maxSteps });
      if (!results) {
        await inTenant((tx) => setRunStatus(tx, spec.runId, 'awaiting_approval'));
        return 'paused';
      }
      await inTenant((tx) => appendMessage(tx, { tenantId: spec.tenantId, sessionId: spec.sessionId, role: 'user', content: results, runId: spec.runId }));
      continue;
    }
    // Checked after the calls are answered (as "not run"), so the stored conversation stays valid.
    if (signal.aborted) return finish('cancelled');
    if (run.steps >= spec.maxSteps) return finish('max_steps');
    if (run.status === 'awaiting_approval') await inTenant((tx) => setRunStatus(tx, spec.runId, 'running'));

    let messages = modelMessages(conversation.summary, conversation.messages);
    const compacted = await compactIfNeeded({
      client: deps.client,
      db: deps.db,
      tenantId: spec.tenantId,
      sessionId: spec.sessionId,
      model: spec.model,
      budgetTokens: spec.contextTokens,
      request: { system, tools },
      summary: conversation.summary,
      stored: conversation.messages,
      messages,
      emit,
    });
    if (compacted) {
      const reloaded = await inTenant((tx) => loadConversation(tx, spec.sessionId));
      messages = modelMessages(reloaded.summary, reloaded.messages);
    }

    const step = await modelStep(deps.client, { model: spec.model, maxTokens: spec.maxTokens, effort: spec.effort, system, tools, messages }, emit, signal);
    await inTenant(async (tx) => {
      if (step.content.length > 0) {
        await appendMessage(tx, { tenantId: spec.tenantId, sessionId: spec.sessionId, role: 'assistant', content: step.content, runId: spec.runId, usage: { ...step.usage } });
      }
      await addRunStep(tx, spec.runId, step.usage);
    });
    await emit('usage', {
      inputTokens: step.usage.input_tokens,
      outputTokens: step.usage.output_tokens,
      cacheCreationInputTokens: step.usage.cache_creation_input_tokens,
      cacheReadInputTokens: step.usage.cache_read_input_tokens,
    });
    const calls = toolUses(step.content);
    for (const call of calls) await emit('tool_call', { id: call.id, name: call.name, input: call.input });
    if (step.stopReason !== 'tool_use' || calls.length === 0) return finish(step.stopReason ?? 'end_turn');
  }
}
