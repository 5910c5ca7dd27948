/**
 * The events of a run, in order, as clients receive them over SSE (`event: <type>`, `id: <seq>`):
 * - `run` {runId, sessionId}: the run started or the client reattached;
 * - `text` {delta}: the answer as it streams;
 * - `tool_call` {id, name, input}: the model called a tool;
 * - `approval_required` {id, name, input}: a writing tool waits for the user's decision;
 * - `tool_result` {id, name, summary, isError}: a tool finished (the whole result is in the history);
 * - `usage` {inputTokens, outputTokens, cacheCreationInputTokens, cacheReadInputTokens}: one model call;
 * - `compacted` {throughSeq}: older turns were summarised to stay within the context budget;
 * - `done` {reason: 'end_turn' | 'max_steps' | 'cancelled' | 'not_configured' | …}: the run ended;
 * - `error` {code, message}: the run failed (the model API refused or failed).
 * `done` and `error` are last.
 */
export type RunEventType = 'run' | 'text' | 'tool_call' | 'approval_required' | 'tool_result' | 'usage' | 'compacted' | 'done' | 'error';

export type RunEmit = (type: RunEventType, data: Record<string, unknown>) => Promise<void>;

export const isTerminal = (type: string) => type === 'done' || type === 'error';

/** One event as an SSE frame; the seq is its id, so a client resumes with `?after=<last id>`. */
export const sseFrame = (seq: number, type: string, data: string) => `id: ${seq}\nevent: ${type}\ndata: ${data}\n\n`;
