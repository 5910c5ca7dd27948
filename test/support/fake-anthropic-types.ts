// The script format of the fake Messages API (fake-anthropic.ts). No Node imports: tests in workerd
// script the fake through fake-anthropic-client.ts, which shares these types.

/** One content block the fake model answers with. */
export type FakeBlock =
  | { type: 'text'; text: string }
  /** `id` defaults to a fresh `toolu_…` id, as the real API makes one per call. */
  | { type: 'tool_use'; id?: string; name: string; input: Record<string, unknown> };

export type FakeStopReason = 'end_turn' | 'tool_use' | 'max_tokens' | 'stop_sequence' | 'pause_turn' | 'refusal';

/** Usage counters that replace the fake's estimates. */
export interface FakeUsage {
  input_tokens?: number;
  output_tokens?: number;
  cache_creation_input_tokens?: number;
  cache_read_input_tokens?: number;
}

/** An error the API answers with (`type` as in the API's error body, e.g. `overloaded_error`). */
export interface FakeError {
  status: number;
  type: string;
  message: string;
}

/** One model call's answer: the Nth request of a script gets `turns[N]` (the last one repeats). */
export interface FakeTurn {
  blocks: FakeBlock[];
  /** Defaults to `tool_use` when a block is a tool call, else `end_turn`. */
  stopReason?: FakeStopReason;
  usage?: FakeUsage;
  /** Pause between streamed events, so a test can act while the answer is in flight. */
  delayMs?: number;
  /** Pause before the first byte of the response (headers included). */
  holdMs?: number;
  /** Answer with this HTTP error instead of a message. */
  error?: FakeError;
  /** Streaming only: after the blocks, send an `error` event and end the stream, as an overloaded API does mid-answer. */
  streamError?: { type: string; message: string };
}

/**
 * When the fake received a request and sent its answer's first and last bytes, in ms on
 * `performance.timeOrigin + performance.now()`: a benchmark in the same process reads the same clock.
 */
export interface FakeRequestTiming {
  receivedAt: number;
  /** Absent while nothing is sent yet, and for good when the client hung up first. */
  firstByteAt?: number;
  /** Absent until the answer ended (message_stop and the end of the body, when streamed). */
  lastByteAt?: number;
}

/** A request as the fake received it (credentials masked). */
export interface FakeRecordedRequest {
  path: string;
  headers: {
    authorization?: string;
    'x-api-key'?: string;
    'anthropic-version'?: string;
    'anthropic-beta'?: string;
  };
  body: unknown;
  timing: FakeRequestTiming;
}

/** Script keys are word characters, dots and dashes (a UUID will do). */
export const FAKE_SCRIPT_KEY = /^[\w.-]+$/;

/** The marker that routes a request to script `key`: put it in the system prompt or a message. */
export const fakeScriptMarker = (key: string) => `[[fake:${key}]]`;
