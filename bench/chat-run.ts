// One measured run of bench/chat.ts: scripts the fake model (a text and a chat_calculator call, then
// a text answer), asks the question, reads the run's Server-Sent Events as they arrive, and returns
// each stretch of latency Atoll adds, from the fake's timestamps and the client's on one clock.
import { type FakeRecordedRequest, fakeRequests, fakeScriptMarker, scriptFake } from '../test/support/fake-anthropic-client';

/** The clock the in-process fake stamps its requests with (FakeRequestTiming). */
export const now = () => performance.timeOrigin + performance.now();

/** Milliseconds Atoll added in each stretch of one run (the model's own time is not in any). */
export interface RunLatency {
  /** The POST sent → the fake receives the first model request. */
  toFirstCall: number;
  /** The fake's first byte of answer 1 → the client's first `text` event. */
  firstByte: number;
  /** The fake's last byte of the tool_use answer → the fake receives the next model request. */
  toolStep: number;
  /** The fake's first byte of answer 2 → the client's first `text` after the `tool_result`. */
  firstByteAfterTool: number;
  /** The fake's last byte of answer 2 → the client's `done` event. */
  lastByteToDone: number;
  /** The POST sent → `done`. */
  total: number;
}

interface Arrival {
  type: string;
  data: Record<string, unknown>;
  at: number;
}

const INTRO = 'Let me work that out.';
const answerText = (value: number) => `It comes to ${value}. I used the calculator for it, so the arithmetic is exact; ask again for another one.`;

/** The run's events with the time each one's chunk arrived; throws on a non-2xx answer. */
async function readRun(res: Response): Promise<Arrival[]> {
  if (!res.ok || !res.body) throw new Error(`POST messages answered ${res.status}: ${(await res.text()).slice(0, 500)}`);
  const events: Arrival[] = [];
  const decoder = new TextDecoder();
  let buffer = '';
  const reader = res.body.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    const at = now();
    buffer += decoder.decode(read.value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) !== -1) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const type = /^event: (.*)$/m.exec(frame)?.[1];
      const data = /^data: (.*)$/m.exec(frame)?.[1];
      if (type && data) events.push({ type, data: JSON.parse(data) as Record<string, unknown>, at });
    }
  }
  return events;
}

/** What went wrong with a run, or undefined when it went as scripted. */
function checkRun(events: Arrival[], requests: FakeRecordedRequest[], expected: string): string | undefined {
  const last = events.at(-1);
  if (last?.type !== 'done' || last.data.reason !== 'end_turn') return `ended with ${last?.type} ${JSON.stringify(last?.data)}`;
  const result = events.find((e) => e.type === 'tool_result');
  if (result?.data.isError !== false) return `tool result ${JSON.stringify(result?.data)}`;
  const text = events
    .filter((e) => e.type === 'text')
    .map((e) => e.data.delta)
    .join('');
  if (text !== expected) return `answered ${JSON.stringify(text)}`;
  const paths = requests.map((r) => r.path).join(', ');
  if (paths !== '/v1/messages, /v1/messages') return `the fake received ${paths || 'nothing'}`;
  if (requests.some((r) => r.timing.firstByteAt === undefined || r.timing.lastByteAt === undefined)) return 'an answer of the fake did not finish';
  return undefined;
}

/**
 * Asks question `n` in the session; the fake's script `key` is started over for it, so its recorded
 * requests are this run's. Throws with the reason when the run did not go as scripted.
 */
export async function measureRun(options: { base: string; fakeUrl: string; key: string; owner: { token: string; tenant: string }; sessionId: string; n: number }): Promise<RunLatency> {
  const { base, fakeUrl, key, owner, n } = options;
  const value = n * 7 + 1;
  await scriptFake(fakeUrl, key, [
    {
      blocks: [
        { type: 'text', text: INTRO },
        { type: 'tool_use', name: 'chat_calculator', input: { expression: `${n} * 7 + 1` } },
      ],
    },
    { blocks: [{ type: 'text', text: answerText(value) }] },
  ]);
  const postAt = now();
  const res = await fetch(`${base}/api/v1/chat/sessions/${options.sessionId}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${owner.token}`, 'x-tenant-id': owner.tenant },
    // The marker routes the model calls to the script (only the first in the conversation counts).
    body: JSON.stringify({ content: `What is ${n} * 7 + 1? ${fakeScriptMarker(key)}` }),
    signal: AbortSignal.timeout(60_000),
  });
  const events = await readRun(res);
  const requests = await fakeRequests(fakeUrl, key);
  const problem = checkRun(events, requests, INTRO + answerText(value));
  if (problem) throw new Error(`run ${n}: ${problem}`);
  const [first, second] = requests.map((r) => r.timing as Required<FakeRecordedRequest['timing']>) as [Required<FakeRecordedRequest['timing']>, Required<FakeRecordedRequest['timing']>];
  const resultIndex = events.findIndex((e) => e.type === 'tool_result');
  const firstText = events.find((e) => e.type === 'text')!;
  const textAfterTool = events.find((e, i) => i > resultIndex && e.type === 'text')!;
  const doneAt = events.at(-1)!.at;
  return {
    toFirstCall: first.receivedAt - postAt,
    firstByte: firstText.at - first.firstByteAt,
    toolStep: second.receivedAt - first.lastByteAt,
    firstByteAfterTool: textAfterTool.at - second.firstByteAt,
    lastByteToDone: doneAt - second.lastByteAt,
    total: doneAt - postAt,
  };
}
