import { AtollError, type ChatToolResult, type Database, type Logger, toAtollError, validationFailed } from 'atoll/plugin';
import { ChatErrorCode, toolForbidden } from '../errors';
import { type Caller, refusal, type ToolEntry, toolErrorText } from './tool-access';

export interface ToolCall {
  readonly entry: ToolEntry;
  /** The arguments as received (the model's JSON or an API body): validated here. */
  readonly input: unknown;
  readonly caller: Caller;
  readonly tenantId: string;
  readonly db: Database;
  readonly logger: Logger;
  /** The plugin's `CHAT_TOOL_TIMEOUT_MS`; a tool's own `timeoutMs` may only shorten it. */
  readonly timeoutMs: number;
  /** Cancels the call with its run. */
  readonly signal?: AbortSignal;
}

export interface ToolOutcome {
  readonly isError: boolean;
  readonly result: ChatToolResult;
  readonly durationMs: number;
}

/**
 * Runs one tool for a caller: refuses what their role or key scopes do not allow, validates the
 * input, bounds the time, and turns every failure into an error result (never a thrown 500): the
 * assistant hands it to the model as `is_error`, the direct route maps `throwing` ones to 4xx.
 */
export async function runTool(call: ToolCall): Promise<ToolOutcome> {
  const started = Date.now();
  const done = (isError: boolean, result: ChatToolResult): ToolOutcome => ({ isError, result, durationMs: Date.now() - started });
  try {
    return done(false, await runChecked(call));
  } catch (thrown) {
    // A value only the database refused (a NUL byte, a bad date) is the caller's, as over REST.
    const error = toAtollError(thrown);
    if (error.kind === 'internal') call.logger.error('chat tool failed', { tool: call.entry.definition.name, error: thrown });
    return done(true, { text: toolErrorText(error), summary: error.kind === 'internal' ? 'internal error' : error.code });
  }
}

/** As `runTool`, but a refusal or invalid input is thrown (the direct route answers 403/400 with it). */
export async function runChecked(call: ToolCall): Promise<ChatToolResult> {
  const { definition, context } = call.entry;
  const why = refusal(definition, call.caller);
  if (why) throw toolForbidden(definition.name, why);
  const parsed = definition.input.safeParse(call.input ?? {});
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) => ({ location: 'body', path: ['input', ...i.path].join('.'), message: i.message }));
    throw validationFailed(ChatErrorCode.TOOL_INVALID_INPUT, `Invalid input for the tool "${definition.name}"`, errors);
  }
  const limitMs = Math.min(call.timeoutMs, definition.timeoutMs ?? call.timeoutMs);
  const controller = new AbortController();
  const onAbort = () => controller.abort(call.signal?.reason);
  call.signal?.addEventListener('abort', onAbort, { once: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort(new Error('timeout'));
      reject(new AtollError('unprocessable', 'CHAT_TOOL_TIMEOUT', `The tool "${definition.name}" took longer than ${limitMs} ms and was stopped`));
    }, limitMs);
  });
  try {
    const ctx = { plugin: context, db: call.db, logger: call.logger, tenantId: call.tenantId, principal: call.caller.principal, role: call.caller.role, signal: controller.signal };
    return await Promise.race([definition.run(parsed.data, ctx), timedOut]);
  } finally {
    clearTimeout(timer);
    call.signal?.removeEventListener('abort', onAbort);
  }
}

/** The part of a result the model reads: the text up to `maxChars`, saying how much was left out. */
export function previewOf(result: ChatToolResult, maxChars: number): string {
  const { text } = result;
  if (text.length <= maxChars) return text;
  // Never end on half a surrogate pair: the preview must stay well-formed text.
  const cut = text.slice(0, /[\uD800-\uDBFF]/.test(text[maxChars - 1] ?? '') ? maxChars - 1 : maxChars);
  return `${cut}\n… [${text.length - maxChars} more characters not shown; the user sees the whole result]`;
}
