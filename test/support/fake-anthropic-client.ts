// Scripts the fake Messages API (fake-anthropic.ts) over HTTP. Plain fetch and no Node imports, so
// tests inside workerd use it too (they get the fake's address as `env.CHAT_ANTHROPIC_BASE_URL`).
import { FAKE_SCRIPT_KEY, type FakeRecordedRequest, type FakeTurn } from './fake-anthropic-types';

export type { FakeBlock, FakeError, FakeRecordedRequest, FakeRequestTiming, FakeStopReason, FakeTurn, FakeUsage } from './fake-anthropic-types';
export { FAKE_SCRIPT_KEY, fakeScriptMarker } from './fake-anthropic-types';

function scriptUrl(url: string, key: string): string {
  // A key the marker cannot carry would leave requests unscripted without a word; refuse it here.
  if (!FAKE_SCRIPT_KEY.test(key)) throw new Error(`fake Anthropic: script key ${JSON.stringify(key)} must match ${FAKE_SCRIPT_KEY}`);
  return `${url.replace(/\/+$/, '')}/__scripts/${encodeURIComponent(key)}`;
}

async function expectOk(response: Response, what: string): Promise<Response> {
  if (!response.ok) throw new Error(`fake Anthropic: ${what} answered ${response.status}: ${await response.text()}`);
  return response;
}

/**
 * Gives script `key` its turns (starting it over). A request whose system prompt or messages contain
 * `fakeScriptMarker(key)` gets the next turn.
 *
 * @example
 * await scriptFake(env.CHAT_ANTHROPIC_BASE_URL, key, [
 *   { blocks: [{ type: 'tool_use', name: 'datasets_list', input: {} }] },
 *   { blocks: [{ type: 'text', text: 'You have two datasets.' }] },
 * ]);
 */
export async function scriptFake(url: string, key: string, turns: FakeTurn[]): Promise<void> {
  const response = await fetch(scriptUrl(url, key), { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ turns }) });
  await expectOk(response, `PUT script ${key}`);
  await response.body?.cancel();
}

/** Every request the fake received for script `key`, oldest first (credentials masked). */
export async function fakeRequests(url: string, key: string): Promise<FakeRecordedRequest[]> {
  const response = await expectOk(await fetch(`${scriptUrl(url, key)}/requests`), `GET requests of ${key}`);
  return ((await response.json()) as { requests: FakeRecordedRequest[] }).requests;
}

/** Forgets script `key` and its recorded requests. */
export async function clearFake(url: string, key: string): Promise<void> {
  const response = await fetch(scriptUrl(url, key), { method: 'DELETE' });
  await expectOk(response, `DELETE script ${key}`);
  await response.body?.cancel();
}
