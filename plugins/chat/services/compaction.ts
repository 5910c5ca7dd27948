import type Anthropic from '@anthropic-ai/sdk';
import { type Database, runInTenant } from 'atoll/plugin';
import { eq } from 'drizzle-orm';
import { chatSessions } from '../db/schema';
import { type ModelMessage, roughTokens } from './conversation';
import type { RunEmit } from './run-events';
import type { StoredMessage } from './run-store';

/** User questions kept verbatim, with everything after them, when older turns are compacted. */
const KEEP_QUESTIONS = 2;
const SUMMARY_TOKENS = 1_024;
const SUMMARY_INSTRUCTIONS =
  'Summarise this conversation between a user and a data assistant for the assistant to continue from. Keep every fact, number, dataset and table name, query, decision and open question; drop pleasantries. Write plain prose and lists, at most 400 words.';

export interface CompactionInput {
  client: Anthropic;
  db: Database;
  tenantId: string;
  sessionId: string;
  model: string;
  budgetTokens: number;
  /** Everything the next call sends besides the messages (system and tools), to count with them. */
  request: { system: unknown; tools: unknown[] };
  summary: string | null;
  stored: readonly StoredMessage[];
  messages: ModelMessage[];
  emit: RunEmit;
}

const isQuestion = (m: StoredMessage) => m.role === 'user' && (m.content as { type: string }[]).some((b) => b.type === 'text');

/**
 * When the next call would pass `budgetTokens` (counted by the API's count endpoint, asked only once
 * a rough estimate passes half the budget), summarises the turns before the last questions with a
 * model call and stores the summary on the session; the model then reads the summary instead.
 * Returns whether it compacted.
 */
export async function compactIfNeeded(input: CompactionInput): Promise<boolean> {
  const { client, request, messages } = input;
  if (roughTokens([request, messages]) < input.budgetTokens / 2) return false;
  const counted = await client.messages.countTokens({
    model: input.model,
    system: request.system as Anthropic.TextBlockParam[],
    messages: messages as unknown as Anthropic.MessageParam[],
    ...(request.tools.length > 0 ? { tools: request.tools as Anthropic.Tool[] } : {}),
  });
  if (counted.input_tokens < input.budgetTokens) return false;
  const questions = input.stored.map((m, i) => (isQuestion(m) ? i : -1)).filter((i) => i >= 0);
  const cut = questions.at(-KEEP_QUESTIONS) ?? 0;
  if (cut <= 0) return false;
  const older = input.stored.slice(0, cut);
  const transcript = [input.summary ? `Earlier summary:\n${input.summary}` : '', ...older.map(renderTurn)].filter(Boolean).join('\n\n');
  const answer = await client.messages.create({
    model: input.model,
    max_tokens: SUMMARY_TOKENS,
    system: SUMMARY_INSTRUCTIONS,
    messages: [{ role: 'user', content: transcript }],
  });
  const summary = answer.content
    .map((b) => (b.type === 'text' ? b.text : ''))
    .join('')
    .trim();
  if (!summary) return false;
  const throughSeq = older.at(-1)!.seq;
  await runInTenant(input.db, input.tenantId, (tx) => tx.update(chatSessions).set({ summary, summaryThroughSeq: throughSeq }).where(eq(chatSessions.id, input.sessionId)));
  await input.emit('compacted', { throughSeq });
  return true;
}

/** A stored turn as plain text for the summariser (tool calls and results in brief). */
function renderTurn(m: StoredMessage): string {
  const parts = (m.content as { type: string; text?: string; name?: string; input?: unknown; content?: unknown }[]).map((b) => {
    if (b.type === 'text') return b.text ?? '';
    if (b.type === 'tool_use') return `[called ${b.name} with ${JSON.stringify(b.input)}]`;
    if (b.type === 'tool_result') return `[tool result: ${String(typeof b.content === 'string' ? b.content : JSON.stringify(b.content)).slice(0, 2_000)}]`;
    return '';
  });
  return `${m.role === 'user' ? 'User' : 'Assistant'}: ${parts.join('\n')}`;
}
