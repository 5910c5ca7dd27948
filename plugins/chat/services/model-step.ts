import type Anthropic from '@anthropic-ai/sdk';
import type { ChatEffort } from '../db/schema';
import type { ModelMessage } from './conversation';
import type { RunEmit } from './run-events';
import type { Usage } from './run-store';

export interface StepRequest {
  model: string;
  maxTokens: number;
  effort: ChatEffort;
  system: { type: 'text'; text: string; cache_control: { type: 'ephemeral' } }[];
  tools: { name: string; description: string; input_schema: Record<string, unknown> }[];
  messages: ModelMessage[];
}

export interface StepResult {
  content: { type: string; [key: string]: unknown }[];
  stopReason: string | null;
  usage: Usage;
}

/**
 * One streamed model call: text deltas go out as they arrive; the whole message comes back. No
 * sampling parameters (the 2026-10-21 API refuses temperature, top_p and top_k even at defaults).
 */
export async function modelStep(client: Anthropic, request: StepRequest, emit: RunEmit, signal: AbortSignal): Promise<StepResult> {
  const stream = client.messages.stream(
    {
      model: request.model,
      max_tokens: request.maxTokens,
      system: request.system,
      messages: request.messages as unknown as Anthropic.MessageParam[],
      ...(request.tools.length > 0 ? { tools: request.tools as Anthropic.Tool[] } : {}),
      output_config: { effort: request.effort },
    },
    { signal },
  );
  for await (const event of stream) {
    if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') await emit('text', { delta: event.delta.text });
  }
  const message = await stream.finalMessage();
  const usage: Usage = {
    input_tokens: message.usage.input_tokens,
    output_tokens: message.usage.output_tokens,
    cache_creation_input_tokens: message.usage.cache_creation_input_tokens ?? 0,
    cache_read_input_tokens: message.usage.cache_read_input_tokens ?? 0,
  };
  // Stored as sent back next time: only the fields the API accepts in a request.
  const content = message.content.map((b) => {
    if (b.type === 'text') return { type: 'text', text: b.text };
    if (b.type === 'tool_use') return { type: 'tool_use', id: b.id, name: b.name, input: b.input };
    return b as unknown as { type: string };
  });
  return { content, stopReason: message.stop_reason, usage };
}
