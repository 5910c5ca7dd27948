import { runInTenant } from 'atoll/plugin';
import type { RunEmit } from './run-events';
import type { RunDeps, RunSpec } from './run-loop';
import { type StoredToolCall, saveToolCall, toolCallsOfRun } from './run-store';
import { previewOf, runTool } from './run-tool';

type ToolUse = { id: string; name: string; input: unknown };
type ToolResultBlock = { type: 'tool_result'; tool_use_id: string; content: string; is_error?: boolean };

export interface ToolRound {
  deps: RunDeps;
  spec: RunSpec;
  calls: ToolUse[];
  emit: RunEmit;
  signal: AbortSignal;
  /** The run has made its last model call: calls are answered without running (the model would never read them). */
  stepLimitReached: boolean;
}

/**
 * Answers the tool calls of one assistant turn, each exactly once: a call already stored keeps its
 * result; a writing tool first waits for the user's approval (null: the run pauses); the others run
 * with the caller's rights. The results are tool_result blocks, in the calls' order.
 */
export async function answerToolCalls(round: ToolRound): Promise<ToolResultBlock[] | null> {
  const { deps, spec, emit } = round;
  const inTenant = <T>(fn: Parameters<typeof runInTenant<T>>[2]) => runInTenant(deps.db, spec.tenantId, fn);
  const stored = new Map(
    (
      await inTenant((tx) =>
        toolCallsOfRun(
          tx,
          spec.sessionId,
          round.calls.map((c) => c.id),
        ),
      )
    ).map((c) => [c.id, c] as const),
  );
  const results: ToolResultBlock[] = [];
  let waiting = false;
  const base = { tenantId: spec.tenantId, sessionId: spec.sessionId, runId: spec.runId };
  const reply = (id: string, text: string, isError: boolean) => results.push({ type: 'tool_result', tool_use_id: id, content: text, ...(isError ? { is_error: true } : {}) });

  for (const call of round.calls) {
    const row: StoredToolCall | undefined = stored.get(call.id);
    if (row && (row.status === 'done' || row.status === 'error' || row.status === 'denied')) {
      const result = row.result as { text: string } | null;
      reply(call.id, previewOf({ text: result?.text ?? '' }, spec.toolResultChars), row.isError);
      continue;
    }
    const entry = spec.tools.includes(call.name) ? deps.tools.get(call.name) : undefined;
    const refuse = async (text: string, summary: string) => {
      await inTenant((tx) => saveToolCall(tx, { ...base, id: call.id, name: call.name, input: call.input, status: 'error', result: { text, summary }, isError: true, durationMs: 0 }));
      await emit('tool_result', { id: call.id, name: call.name, summary, isError: true });
      reply(call.id, text, true);
    };
    if (round.signal.aborted) {
      await refuse('Not run: the user stopped the answer.', 'cancelled');
      continue;
    }
    if (round.stepLimitReached) {
      await refuse(`Not run: the run reached its limit of ${spec.maxSteps} steps.`, 'step limit');
      continue;
    }
    if (!entry) {
      await refuse(`There is no tool named "${call.name}" available in this conversation.`, 'unknown tool');
      continue;
    }
    if (entry.definition.writes && row?.status !== 'approved') {
      if (!row) {
        await inTenant((tx) => saveToolCall(tx, { ...base, id: call.id, name: call.name, input: call.input, status: 'awaiting_approval' }));
        await emit('approval_required', { id: call.id, name: call.name, input: call.input });
      }
      waiting = true;
      continue;
    }
    const outcome = await runTool({ entry, input: call.input, caller: spec, tenantId: spec.tenantId, db: deps.db, logger: deps.logger, timeoutMs: spec.toolTimeoutMs, signal: round.signal });
    await inTenant((tx) =>
      saveToolCall(tx, {
        ...base,
        id: call.id,
        name: call.name,
        input: call.input,
        status: outcome.isError ? 'error' : 'done',
        result: outcome.result,
        isError: outcome.isError,
        durationMs: outcome.durationMs,
      }),
    );
    await emit('tool_result', { id: call.id, name: call.name, summary: outcome.result.summary ?? summaryOf(outcome.result.text), isError: outcome.isError });
    reply(call.id, previewOf(outcome.result, spec.toolResultChars), outcome.isError);
  }
  return waiting ? null : results;
}

const summaryOf = (text: string) => {
  const chars = [...text.replace(/\s+/g, ' ')];
  return chars.length <= 80 ? chars.join('') : `${chars.slice(0, 77).join('')}…`;
};
