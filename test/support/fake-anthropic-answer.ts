// What the fake Messages API answers for a scripted turn: the whole Message, or the server-sent
// events that stream it, shaped as the SDK 1.17 types (API 2026-10-21) describe them.
import { randomInt } from 'node:crypto';
import { estimateOutput } from './fake-anthropic-scripts';
import type { FakeTurn } from './fake-anthropic-types';

export interface InputUsage {
  input_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

export interface StreamEvent {
  event: string;
  data: Record<string, unknown>;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** An id shaped like the API's (`msg_01…`, `toolu_01…`, `req_01…`). */
export function fakeId(prefix: string): string {
  return `${prefix}_01${Array.from({ length: 22 }, () => BASE62[randomInt(62)]).join('')}`;
}

/** The answer's content blocks with their ids fixed, so the Message and its stream agree. */
function contentOf(turn: FakeTurn) {
  return turn.blocks.map((block) =>
    block.type === 'text'
      ? { type: 'text' as const, text: block.text, citations: null }
      : { type: 'tool_use' as const, id: block.id ?? fakeId('toolu'), name: block.name, input: block.input, caller: { type: 'direct' } },
  );
}

function usageOf(turn: FakeTurn, input: InputUsage, outputTokens: number) {
  const counters = { ...input, output_tokens: outputTokens, ...turn.usage };
  return {
    ...counters,
    cache_creation: { ephemeral_5m_input_tokens: counters.cache_creation_input_tokens, ephemeral_1h_input_tokens: 0 },
    inference_geo: null,
    output_tokens_details: null,
    server_tool_use: null,
    service_tier: 'standard',
    speed: 'standard',
  };
}

function stopReasonOf(turn: FakeTurn) {
  return turn.stopReason ?? (turn.blocks.some((b) => b.type === 'tool_use') ? 'tool_use' : 'end_turn');
}

function messageShell(model: string) {
  return { id: fakeId('msg'), type: 'message', role: 'assistant', model, container: null, diagnostics: null, stop_details: null, stop_sequence: null };
}

/** The non-streaming answer: one Message. */
export function answerMessage(turn: FakeTurn, model: string, input: InputUsage) {
  return { ...messageShell(model), content: contentOf(turn), stop_reason: stopReasonOf(turn), usage: usageOf(turn, input, estimateOutput(turn)) };
}

/** Splits text into about `parts` pieces on code point boundaries (never inside a surrogate pair). */
export function splitPieces(text: string, parts: number): string[] {
  const points = Array.from(text);
  const size = Math.max(1, Math.ceil(points.length / parts));
  const pieces: string[] = [];
  for (let at = 0; at < points.length; at += size) pieces.push(points.slice(at, at + size).join(''));
  return pieces;
}

/**
 * The streamed answer: message_start, ping, each block's start / deltas / stop, message_delta,
 * message_stop. Text arrives in several `text_delta`s and tool input as `input_json_delta` pieces of
 * its JSON (the first one empty, as the API sends it), so consumers must accumulate.
 */
export function answerEvents(turn: FakeTurn, model: string, input: InputUsage): StreamEvent[] {
  const usage = usageOf(turn, input, estimateOutput(turn));
  const events: StreamEvent[] = [
    // The API reports a token or so of output at the start; the total comes with message_delta.
    { event: 'message_start', data: { type: 'message_start', message: { ...messageShell(model), content: [], stop_reason: null, usage: { ...usage, output_tokens: 1 } } } },
    { event: 'ping', data: { type: 'ping' } },
  ];
  for (const [index, block] of contentOf(turn).entries()) {
    const delta = (payload: Record<string, unknown>) => events.push({ event: 'content_block_delta', data: { type: 'content_block_delta', index, delta: payload } });
    if (block.type === 'text') {
      events.push({ event: 'content_block_start', data: { type: 'content_block_start', index, content_block: { ...block, text: '' } } });
      for (const text of splitPieces(block.text, 4)) delta({ type: 'text_delta', text });
    } else {
      events.push({ event: 'content_block_start', data: { type: 'content_block_start', index, content_block: { ...block, input: {} } } });
      for (const partial_json of ['', ...splitPieces(JSON.stringify(block.input), 3)]) delta({ type: 'input_json_delta', partial_json });
    }
    events.push({ event: 'content_block_stop', data: { type: 'content_block_stop', index } });
  }
  if (turn.streamError) {
    events.push({ event: 'error', data: { type: 'error', error: turn.streamError } });
    return events;
  }
  events.push(
    {
      event: 'message_delta',
      data: {
        type: 'message_delta',
        delta: { stop_reason: stopReasonOf(turn), stop_sequence: null, stop_details: null, container: null },
        // Cumulative totals: the SDK overwrites its snapshot with whichever counters are present.
        usage: {
          input_tokens: usage.input_tokens,
          cache_creation_input_tokens: usage.cache_creation_input_tokens,
          cache_read_input_tokens: usage.cache_read_input_tokens,
          output_tokens: usage.output_tokens,
        },
      },
    },
    { event: 'message_stop', data: { type: 'message_stop' } },
  );
  return events;
}

/** One event on the wire, exactly as the API frames it. */
export function sseFrame({ event, data }: StreamEvent): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}
