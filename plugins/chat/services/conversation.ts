import type { StoredMessage } from './run-store';

type Block = { type: string; [key: string]: unknown };
export interface ModelMessage {
  role: 'user' | 'assistant';
  content: Block[];
}

const CACHE = { type: 'ephemeral' } as const;

/**
 * The messages of the next model call, from the stored turns after the compaction point: the
 * summary of earlier turns leads the first user turn, and the last block carries a cache breakpoint
 * so the whole conversation prefix is read from the prompt cache on the next step.
 */
export function modelMessages(summary: string | null, stored: readonly StoredMessage[]): ModelMessage[] {
  // Two user turns in a row (a new question after a run that ended on tool results) become one turn.
  const messages: ModelMessage[] = [];
  for (const m of stored) {
    const content = (m.content as Block[]).map((b) => ({ ...b }));
    const previous = messages.at(-1);
    if (previous?.role === m.role) previous.content.push(...content);
    else messages.push({ role: m.role, content });
  }
  if (summary && messages[0]?.role === 'user') {
    messages[0].content.unshift({ type: 'text', text: `Summary of the earlier conversation (older turns were compacted):\n${summary}` });
  }
  const last = messages.at(-1)?.content.at(-1);
  if (last) last.cache_control = CACHE;
  return messages;
}

/** The system prompt as blocks, with a breakpoint that caches the tool definitions and instructions together. */
export const systemBlocks = (text: string) => [{ type: 'text' as const, text, cache_control: CACHE }];

/** The tool_use blocks of an assistant turn. */
export const toolUses = (content: readonly unknown[]) => (content as Block[]).filter((b): b is Block & { id: string; name: string; input: unknown } => b.type === 'tool_use');

/** A cheap size estimate (about four characters a token) to decide whether counting is worth a call. */
export const roughTokens = (value: unknown) => Math.ceil(JSON.stringify(value).length / 4);
