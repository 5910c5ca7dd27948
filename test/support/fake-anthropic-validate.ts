// Request checks of the fake Messages API, worded like the API's own errors. They follow API version
// 2026-10-21 as `@anthropic-ai/sdk` 1.17 documents it, so code the real API would refuse fails here too.
import type { IncomingHttpHeaders } from 'node:http';
import type { FakeError } from './fake-anthropic-types';

const invalid = (message: string): FakeError => ({ status: 400, type: 'invalid_request_error', message });

/** The SDK sends `Authorization: Bearer <key>`; older clients send `x-api-key`. Any non-empty key passes. */
export function checkAuth(headers: IncomingHttpHeaders): FakeError | undefined {
  const bearer = /^Bearer\s+\S+/i.test(headers.authorization ?? '');
  if (bearer || headers['x-api-key']) return undefined;
  return { status: 401, type: 'authentication_error', message: 'invalid x-api-key: send Authorization: Bearer <key> or x-api-key' };
}

export function checkVersion(headers: IncomingHttpHeaders): FakeError | undefined {
  return headers['anthropic-version'] ? undefined : invalid('anthropic-version: header is required');
}

// Body fields of MessageCreateParams / MessageCountTokensParams (the SDK moves `user_profile_id` and
// `workspace_id` to headers). The API refuses any other field, sampling parameters included.
const CREATE_FIELDS = new Set([
  'max_tokens',
  'messages',
  'model',
  'cache_control',
  'container',
  'diagnostics',
  'inference_geo',
  'metadata',
  'output_config',
  'service_tier',
  'speed',
  'stop_sequences',
  'stream',
  'system',
  'thinking',
  'tool_choice',
  'tools',
]);
const COUNT_FIELDS = new Set(['messages', 'model', 'cache_control', 'output_config', 'speed', 'system', 'thinking', 'tool_choice', 'tools']);
const SAMPLING = ['temperature', 'top_p', 'top_k'];

type Block = { type?: unknown; text?: unknown; id?: unknown; tool_use_id?: unknown };
type Turn = { role: 'user' | 'assistant'; blocks: Block[]; index: number };

/**
 * The first reason the API would refuse `body`, or undefined. `beta` requests may carry fields this
 * SDK's stable types do not list, so only the sampling parameters are refused there.
 */
export function checkBody(body: unknown, kind: 'create' | 'count', beta: boolean): FakeError | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return invalid('body: Input should be a valid JSON object');
  const fields = body as Record<string, unknown>;
  for (const name of Object.keys(fields)) {
    if (SAMPLING.includes(name)) return invalid(`${name}: Extra inputs are not permitted (API version 2026-10-21 has no sampling parameters)`);
    if (!beta && !(kind === 'create' ? CREATE_FIELDS : COUNT_FIELDS).has(name)) return invalid(`${name}: Extra inputs are not permitted`);
  }
  if (typeof fields.model !== 'string' || !fields.model) return invalid('model: Field required');
  if (kind === 'create') {
    const max = fields.max_tokens;
    if (max === undefined) return invalid('max_tokens: Field required');
    if (!Number.isInteger(max) || (max as number) < 0) return invalid('max_tokens: Input should be a non-negative integer');
  }
  if (fields.messages === undefined) return invalid('messages: Field required');
  if (!Array.isArray(fields.messages)) return invalid('messages: Input should be a valid list');
  return checkMessages(fields.messages);
}

function checkMessages(messages: unknown[]): FakeError | undefined {
  const turns: Turn[] = [];
  for (const [index, message] of messages.entries()) {
    const { role, content } = (message ?? {}) as { role?: unknown; content?: unknown };
    // `system` messages (SystemMessageParam) sit outside the user/assistant turns.
    if (role === 'system') continue;
    if (role !== 'user' && role !== 'assistant') return invalid(`messages.${index}.role: Input should be 'user', 'assistant' or 'system'`);
    const blocks = typeof content === 'string' ? [{ type: 'text', text: content }] : content;
    if (!Array.isArray(blocks)) return invalid(`messages.${index}.content: Input should be a valid string or list`);
    if (blocks.length === 0) return invalid(`messages.${index}: all messages must have non-empty content except for the optional final assistant message`);
    for (const [at, block] of (blocks as Block[]).entries()) {
      if (block?.type === 'text' && (typeof block.text !== 'string' || !block.text.trim())) {
        return invalid(`messages.${index}.content.${at}.text: text content blocks must contain non-whitespace text`);
      }
    }
    // The API combines consecutive turns of one role (the SDK documents it), so do the same.
    const last = turns.at(-1);
    if (last?.role === role) last.blocks.push(...(blocks as Block[]));
    else turns.push({ role, blocks: [...(blocks as Block[])], index });
  }
  if (turns.length === 0) return invalid('messages: at least one message is required');
  if (turns[0]!.role !== 'user') return invalid('messages: first message must use the "user" role');
  // Current models take no prefill; the chat loop must always end on the user's turn.
  if (turns.at(-1)!.role === 'assistant') {
    return invalid('This model does not support assistant message prefill. The conversation must end with a user message.');
  }
  for (const [at, turn] of turns.entries()) {
    const problem = turn.role === 'assistant' ? checkToolResults(turn, turns[at + 1]!) : checkStrayResults(turn, turns[at - 1]);
    if (problem) return problem;
  }
  return undefined;
}

/** Every `tool_use` of an assistant turn needs its `tool_result` at the start of the next user turn. */
function checkToolResults(assistant: Turn, next: Turn): FakeError | undefined {
  const asked = assistant.blocks.filter((b) => b.type === 'tool_use').map((b) => String(b.id));
  if (asked.length === 0) return undefined;
  const leading: string[] = [];
  for (const block of next.blocks) {
    if (block.type !== 'tool_result') break;
    leading.push(String(block.tool_use_id));
  }
  const missing = asked.filter((id) => !leading.includes(id));
  if (missing.length > 0) {
    return invalid(
      `messages.${next.index}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing.join(', ')}. ` +
        'Each `tool_use` block must have a corresponding `tool_result` block in the next message.',
    );
  }
  return undefined;
}

/** A `tool_result` must answer a `tool_use` of the turn just before it. */
function checkStrayResults(user: Turn, previous: Turn | undefined): FakeError | undefined {
  const asked = new Set((previous?.blocks ?? []).filter((b) => b.type === 'tool_use').map((b) => String(b.id)));
  const stray = user.blocks.filter((b) => b.type === 'tool_result' && !asked.has(String(b.tool_use_id))).map((b) => String(b.tool_use_id));
  if (stray.length === 0) return undefined;
  return invalid(
    `messages.${user.index}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${stray.join(', ')}. ` +
      'Each `tool_result` block must have a corresponding `tool_use` block in the previous message.',
  );
}
