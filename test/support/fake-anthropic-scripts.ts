// Per-key scripts of the fake Messages API: which turn answers a request, what was received, and the
// token estimates (no tokenizer: about four characters a token, which is what tests need to see usage).
import type { FakeRecordedRequest, FakeTurn } from './fake-anthropic-types';

const DEFAULT_TURN: FakeTurn = { blocks: [{ type: 'text', text: 'Hello from the fake model.' }], stopReason: 'end_turn' };
// Same characters as FAKE_SCRIPT_KEY.
const MARKER = /\[\[fake:([\w.-]+)\]\]/;

interface Script {
  turns: FakeTurn[];
  served: number;
  requests: FakeRecordedRequest[];
  /** Tokens of the cached prefix so far: what the next request reads instead of writing. */
  cachedTokens: number;
}

export class ScriptBook {
  #scripts = new Map<string, Script>();

  /** Starts script `key` over: turns replaced, counters and recordings cleared. */
  put(key: string, turns: FakeTurn[]) {
    this.#scripts.set(key, { turns, served: 0, requests: [], cachedTokens: 0 });
  }

  delete(key: string) {
    this.#scripts.delete(key);
  }

  requests(key: string): FakeRecordedRequest[] {
    return this.#scripts.get(key)?.requests ?? [];
  }

  record(key: string, request: FakeRecordedRequest) {
    this.#script(key).requests.push(request);
  }

  /** The turn answering the next valid model call of `key` (count_tokens does not count). */
  nextTurn(key: string): FakeTurn {
    const script = this.#script(key);
    const turn = script.turns[Math.min(script.served, script.turns.length - 1)] ?? DEFAULT_TURN;
    script.served += 1;
    return turn;
  }

  /**
   * Input usage of a request: the prefix up to its last `cache_control` breakpoint is written to the
   * cache the first time and read afterwards (only the growth is written again).
   */
  inputUsage(key: string, body: Record<string, unknown>) {
    const { total, cached } = estimateInput(body);
    const script = this.#script(key);
    const read = Math.min(script.cachedTokens, cached);
    if (cached > 0) script.cachedTokens = cached;
    return { input_tokens: total - cached, cache_creation_input_tokens: cached - read, cache_read_input_tokens: read };
  }

  #script(key: string): Script {
    let script = this.#scripts.get(key);
    if (!script) {
      script = { turns: [], served: 0, requests: [], cachedTokens: 0 };
      this.#scripts.set(key, script);
    }
    return script;
  }
}

/** The script a request belongs to: the first `[[fake:<key>]]` in its system prompt or messages ('' for none). */
export function scriptKeyOf(body: unknown): string {
  if (typeof body !== 'object' || body === null) return '';
  const { system, messages } = body as { system?: unknown; messages?: unknown };
  for (const text of textsOf([system, messages])) {
    const found = MARKER.exec(text);
    if (found) return found[1]!;
  }
  return '';
}

/** Every string under `value`: text blocks, string contents, tool results. */
function* textsOf(value: unknown): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) for (const item of value) yield* textsOf(item);
  else if (typeof value === 'object' && value !== null) for (const item of Object.values(value)) yield* textsOf(item);
}

/**
 * Tokens of the prompt in the order the API caches it (tools, system, messages), and of the prefix
 * ending at the last breakpoint; a top-level `cache_control` caches everything.
 */
export function estimateInput(body: Record<string, unknown>): { total: number; cached: number } {
  const pieces: unknown[] = [];
  const spread = (value: unknown) => (Array.isArray(value) ? pieces.push(...value) : value !== undefined && pieces.push(value));
  spread(body.tools);
  spread(body.system);
  for (const message of Array.isArray(body.messages) ? body.messages : []) {
    spread((message as { content?: unknown })?.content);
  }
  let length = 0;
  let prefix = 0;
  for (const piece of pieces) {
    length += JSON.stringify(piece).length;
    if (typeof piece === 'object' && piece !== null && 'cache_control' in piece && piece.cache_control) prefix = length;
  }
  if (body.cache_control) prefix = length;
  return { total: Math.max(1, Math.ceil(length / 4)), cached: Math.ceil(prefix / 4) };
}

/** Output tokens of an answer, by the same rule. */
export function estimateOutput(turn: FakeTurn): number {
  return Math.max(1, Math.ceil(JSON.stringify(turn.blocks).length / 4));
}
