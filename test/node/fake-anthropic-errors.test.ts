// The fake Messages API's refusals, scripted errors and request recording, seen through the real
// `@anthropic-ai/sdk` client (its error classes are what the chat plugin will branch on).
import { Anthropic, APIError, AuthenticationError, BadRequestError, OverloadedError } from '@anthropic-ai/sdk';
import type { MessageParam } from '@anthropic-ai/sdk/resources/messages';
import { describe, expect, it } from 'vitest';
import { clearFake, fakeRequests, fakeScriptMarker, scriptFake } from '../support/fake-anthropic-client';
import { fakeSuite, MODEL } from '../support/fake-anthropic-suite';

const { suite, script } = fakeSuite('e');

/** Expects `promise` to reject with `type`, showing the error if it does not. */
async function refusal<T extends APIError>(promise: Promise<unknown>, type: abstract new (...args: never[]) => T): Promise<T> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, String(error)).toBeInstanceOf(type);
  return error as T;
}

const hi: MessageParam = { role: 'user', content: 'Hi' };
const toolTurn: MessageParam = { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_a', name: 'look', input: {} }] };

describe('validation', () => {
  it.each(['temperature', 'top_p', 'top_k'])('refuses %s even at its default', async (name) => {
    const params = { model: MODEL, max_tokens: 10, messages: [{ role: 'user' as const, content: 'Hi' }], [name]: name === 'top_k' ? 0 : 1 };
    const error = await refusal(suite.client.messages.create(params), BadRequestError);
    expect(error).toMatchObject({ status: 400, type: 'invalid_request_error' });
    expect(error.apiMessage).toContain(name);
  });

  it.each([
    ['model', { max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }] }],
    ['max_tokens', { model: MODEL, messages: [{ role: 'user', content: 'Hi' }] }],
    ['messages', { model: MODEL, max_tokens: 10 }],
    ['Extra inputs', { model: MODEL, max_tokens: 10, effort: 'high', messages: [{ role: 'user', content: 'Hi' }] }],
    [
      'first message',
      {
        model: MODEL,
        max_tokens: 10,
        messages: [
          { role: 'assistant', content: 'Hi' },
          { role: 'user', content: 'Hi' },
        ],
      },
    ],
    [
      'prefill',
      {
        model: MODEL,
        max_tokens: 10,
        messages: [
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Sure' },
        ],
      },
    ],
    ['non-whitespace', { model: MODEL, max_tokens: 10, messages: [{ role: 'user', content: ' ' }] }],
  ])('refuses a body whose %s is wrong', async (words, body) => {
    const error = await refusal(suite.client.messages.create(body as never), BadRequestError);
    expect(error.apiMessage).toContain(words);
  });

  it('refuses a tool_use that the next turn does not answer first', async () => {
    const unanswered: MessageParam[] = [hi, toolTurn, { role: 'user', content: 'and?' }];
    const error = await refusal(suite.client.messages.create({ model: MODEL, max_tokens: 10, messages: unanswered }), BadRequestError);
    expect(error.apiMessage).toContain('without `tool_result` blocks immediately after: toolu_a');
    const late: MessageParam = {
      role: 'user',
      content: [
        { type: 'text', text: 'here:' },
        { type: 'tool_result', tool_use_id: 'toolu_a', content: 'x' },
      ],
    };
    await refusal(suite.client.messages.create({ model: MODEL, max_tokens: 10, messages: [hi, toolTurn, late] }), BadRequestError);
    const stray: MessageParam = {
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: 'toolu_a', content: 'x' },
        { type: 'tool_result', tool_use_id: 'toolu_b', content: 'y' },
      ],
    };
    const strayError = await refusal(suite.client.messages.create({ model: MODEL, max_tokens: 10, messages: [hi, toolTurn, stray] }), BadRequestError);
    expect(strayError.apiMessage).toContain('unexpected `tool_use_id` found in `tool_result` blocks: toolu_b');
  });

  it('combines consecutive turns of one role, as the API documents', async () => {
    const messages: MessageParam[] = [
      hi,
      { role: 'user', content: 'Anyone?' },
      toolTurn,
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_a', content: 'x' }] },
      { role: 'user', content: 'Thanks' },
    ];
    const message = await suite.client.messages.create({ model: MODEL, max_tokens: 10, messages });
    expect(message.stop_reason).toBe('end_turn');
  });

  it('refuses a request without a key (401) and accepts x-api-key', async () => {
    const { key, ask } = script();
    const anonymous = new Anthropic({ apiKey: null, authToken: null, baseURL: suite.fake.url, maxRetries: 0, defaultHeaders: { authorization: null } });
    const error = await refusal(anonymous.messages.create({ model: MODEL, max_tokens: 10, messages: [ask('Hi')] }), AuthenticationError);
    expect(error).toMatchObject({ status: 401, type: 'authentication_error' });
    const legacy = new Anthropic({ apiKey: null, authToken: null, baseURL: suite.fake.url, defaultHeaders: { authorization: null, 'x-api-key': 'k' } });
    await legacy.messages.create({ model: MODEL, max_tokens: 10, messages: [ask('Hi')] });
    const headers = (await fakeRequests(suite.fake.url, key)).map((r) => r.headers);
    expect(headers).toEqual([{ 'anthropic-version': '2026-10-21' }, { 'x-api-key': '***', 'anthropic-version': '2026-10-21' }]);
  });

  it('refuses a request without anthropic-version', async () => {
    const response = await fetch(`${suite.fake.url}/v1/messages`, {
      method: 'POST',
      headers: { authorization: 'Bearer test', 'content-type': 'application/json' },
      body: JSON.stringify({ model: MODEL, max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }] }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error', message: 'anthropic-version: header is required' } });
  });
});

describe('scripted errors', () => {
  it('answers an error turn with its status, which the SDK raises as its class', async () => {
    const { key, ask } = script();
    await scriptFake(suite.fake.url, key, [{ blocks: [], error: { status: 529, type: 'overloaded_error', message: 'Overloaded' } }]);
    const error = await refusal(suite.client.messages.stream({ model: MODEL, max_tokens: 10, messages: [ask('Hi')] }).finalMessage(), OverloadedError);
    expect(error).toMatchObject({ status: 529, type: 'overloaded_error', apiMessage: 'Overloaded' });
    expect(error.requestID).toMatch(/^req_01/);
  });

  it('lets the SDK retry an error turn into the next turn', async () => {
    const { key, ask } = script();
    await scriptFake(suite.fake.url, key, [{ blocks: [], error: { status: 529, type: 'overloaded_error', message: 'Overloaded' } }, { blocks: [{ type: 'text', text: 'Back.' }] }]);
    const retrying = new Anthropic({ apiKey: 'test', baseURL: suite.fake.url, maxRetries: 1 });
    const message = await retrying.messages.create({ model: MODEL, max_tokens: 10, messages: [ask('Hi')] });
    expect(message.content).toMatchObject([{ text: 'Back.' }]);
    expect(await fakeRequests(suite.fake.url, key)).toHaveLength(2);
  });

  it('ends a stream with an error event mid-answer', async () => {
    const { key, ask } = script();
    await scriptFake(suite.fake.url, key, [{ blocks: [{ type: 'text', text: 'Half an ans' }], streamError: { type: 'overloaded_error', message: 'Overloaded' } }]);
    const error = await refusal(suite.client.messages.stream({ model: MODEL, max_tokens: 10, messages: [ask('Hi')] }).finalMessage(), APIError);
    expect(error).toMatchObject({ type: 'overloaded_error', apiMessage: 'Overloaded' });
  });
});

describe('recording', () => {
  it('records each request of a key with masked credentials, and forgets them on delete', async () => {
    const { key, ask } = script();
    await scriptFake(suite.fake.url, key, [{ blocks: [{ type: 'text', text: 'ok' }] }]);
    await suite.client.messages.create({ model: MODEL, max_tokens: 10, system: `Be brief. ${fakeScriptMarker(key)}`, messages: [{ role: 'user', content: 'Hi' }] });
    await refusal(suite.client.messages.create({ model: MODEL, max_tokens: 10, temperature: 0, messages: [ask('Hi')] } as never), BadRequestError);
    const requests = await fakeRequests(suite.fake.url, key);
    expect(requests).toHaveLength(2);
    expect(requests[0]).toMatchObject({ path: '/v1/messages', headers: { authorization: 'Bearer ***', 'anthropic-version': '2026-10-21' } });
    expect(requests[0]!.body).toMatchObject({ model: MODEL, max_tokens: 10, system: `Be brief. ${fakeScriptMarker(key)}` });
    expect(requests[1]!.body).toMatchObject({ temperature: 0 });
    expect(JSON.stringify(requests)).not.toContain('Bearer test');
    await clearFake(suite.fake.url, key);
    expect(await fakeRequests(suite.fake.url, key)).toEqual([]);
  });

  it('refuses a malformed script', async () => {
    await expect(scriptFake(suite.fake.url, 'bad', [{ text: 'no blocks' } as never])).rejects.toThrow(/turns\.0 is not a turn/);
    await expect(scriptFake(suite.fake.url, 'has space', [])).rejects.toThrow(/must match/);
  });
});
