// The fake Messages API against the real `@anthropic-ai/sdk` client: if the SDK streams, accumulates,
// retries and raises its error classes here as it does against the API, tests built on the fake hold.
import type { MessageParam } from '@anthropic-ai/sdk/resources/messages';
import { describe, expect, it } from 'vitest';
import { fakeRequests, scriptFake } from '../support/fake-anthropic-client';
import { fakeSuite, MODEL } from '../support/fake-anthropic-suite';

const { suite, script } = fakeSuite('t');

describe('streaming', () => {
  it('streams text in several deltas and the SDK accumulates the final message', async () => {
    const { key, ask } = script();
    const text = 'The answer, streamed in pieces: 42 ✓.';
    await scriptFake(suite.fake.url, key, [{ blocks: [{ type: 'text', text }] }]);
    const deltas: string[] = [];
    const stream = suite.client.messages.stream({ model: MODEL, max_tokens: 1024, messages: [ask('What is it?')] });
    stream.on('text', (delta) => deltas.push(delta));
    const message = await stream.finalMessage();
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe(text);
    expect(message).toMatchObject({ type: 'message', role: 'assistant', model: MODEL, stop_reason: 'end_turn', stop_sequence: null });
    expect(message.content).toEqual([{ type: 'text', text, citations: null }]);
    expect(message.usage.input_tokens).toBeGreaterThan(0);
    expect(message.usage.output_tokens).toBeGreaterThan(1);
    expect(message.usage).toMatchObject({ cache_creation_input_tokens: 0, cache_read_input_tokens: 0 });
  });

  it('frames events exactly as the API does', async () => {
    const { key, ask } = script();
    await scriptFake(suite.fake.url, key, [
      {
        blocks: [
          { type: 'text', text: 'Hi there' },
          { type: 'tool_use', id: 'toolu_x', name: 'look', input: { q: 1 } },
        ],
      },
    ]);
    const response = await fetch(`${suite.fake.url}/v1/messages`, {
      method: 'POST',
      headers: { authorization: 'Bearer test', 'anthropic-version': '2026-10-21', 'content-type': 'application/json' },
      body: JSON.stringify({ model: MODEL, max_tokens: 100, stream: true, messages: [ask('Hi')] }),
    });
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const frames = (await response.text()).split('\n\n').filter(Boolean);
    for (const frame of frames) expect(frame).toMatch(/^event: [a-z_]+\ndata: \{.*\}$/);
    const types = frames.map((frame) => /^event: (\w+)/.exec(frame)![1]);
    expect(types[0]).toBe('message_start');
    expect(types[1]).toBe('ping');
    expect(types.slice(-2)).toEqual(['message_delta', 'message_stop']);
    expect(types.filter((t) => t === 'content_block_start')).toHaveLength(2);
    const start = JSON.parse(frames[0]!.split('data: ')[1]!);
    expect(start.message).toMatchObject({ content: [], stop_reason: null, stop_sequence: null });
    expect(Object.keys(start.message.usage)).toEqual(expect.arrayContaining(['input_tokens', 'output_tokens', 'cache_creation_input_tokens', 'cache_read_input_tokens']));
  });

  it('streams tool input as JSON pieces that the SDK parses into the scripted object', async () => {
    const { key, ask } = script();
    const input = { dataset: 'sales 2026', filters: [{ column: 'région', op: '=', value: 'Nord' }], limit: 10 };
    await scriptFake(suite.fake.url, key, [
      {
        blocks: [
          { type: 'text', text: 'Let me look.' },
          { type: 'tool_use', name: 'datasets_query', input },
        ],
      },
    ]);
    const pieces: string[] = [];
    const stream = suite.client.messages.stream({ model: MODEL, max_tokens: 1024, messages: [ask('Sales in the north?')] });
    stream.on('inputJson', (partial) => pieces.push(partial));
    const message = await stream.finalMessage();
    expect(pieces.filter(Boolean).length).toBeGreaterThan(1);
    expect(pieces.join('')).toBe(JSON.stringify(input));
    expect(message.stop_reason).toBe('tool_use');
    const call = message.content[1];
    expect(call).toMatchObject({ type: 'tool_use', name: 'datasets_query', input });
    expect(call?.type === 'tool_use' && call.id).toMatch(/^toolu_01\w{22}$/);
  });

  it('runs a scripted tool round trip over several turns', async () => {
    const { key, ask } = script();
    await scriptFake(suite.fake.url, key, [{ blocks: [{ type: 'tool_use', id: 'toolu_count', name: 'datasets_count', input: {} }] }, { blocks: [{ type: 'text', text: 'You have 3 datasets.' }] }]);
    const messages: MessageParam[] = [ask('How many datasets?')];
    const first = await suite.client.messages.stream({ model: MODEL, max_tokens: 1024, messages }).finalMessage();
    expect(first.stop_reason).toBe('tool_use');
    messages.push({ role: 'assistant', content: first.content }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_count', content: '3' }] });
    const second = await suite.client.messages.stream({ model: MODEL, max_tokens: 1024, messages }).finalMessage();
    expect(second.content).toEqual([{ type: 'text', text: 'You have 3 datasets.', citations: null }]);
    expect(second.stop_reason).toBe('end_turn');
    const requests = await fakeRequests(suite.fake.url, key);
    expect(requests.map((r) => (r.body as { messages: unknown[] }).messages.length)).toEqual([1, 3]);
  });

  it('survives a client that aborts mid-stream', async () => {
    const { key, ask } = script();
    await scriptFake(suite.fake.url, key, [{ blocks: [{ type: 'text', text: 'a long answer that takes a while' }], delayMs: 50 }]);
    const stream = suite.client.messages.stream({ model: MODEL, max_tokens: 1024, messages: [ask('Go')] });
    await new Promise<void>((resolve) => stream.once('text', () => resolve()));
    stream.abort();
    await expect(stream.done()).rejects.toThrow();
    const after = await suite.client.messages.create({ model: MODEL, max_tokens: 10, messages: [{ role: 'user', content: 'Still there?' }] });
    expect(after.content).toEqual([{ type: 'text', text: 'Hello from the fake model.', citations: null }]);
  });

  it('holds the first byte for holdMs', async () => {
    const { key, ask } = script();
    await scriptFake(suite.fake.url, key, [{ blocks: [{ type: 'text', text: 'late' }], holdMs: 300 }]);
    const started = Date.now();
    await suite.client.messages.create({ model: MODEL, max_tokens: 10, messages: [ask('Wait')] });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('records when a request arrived and when its answer began and ended, on this process clock', async () => {
    const { key, ask } = script();
    await scriptFake(suite.fake.url, key, [{ blocks: [{ type: 'text', text: 'slow' }], holdMs: 100, delayMs: 10 }]);
    const now = () => performance.timeOrigin + performance.now();
    const before = now();
    await suite.client.messages.stream({ model: MODEL, max_tokens: 10, messages: [ask('Time me')] }).finalMessage();
    const after = now();
    const [request] = await fakeRequests(suite.fake.url, key);
    const { receivedAt, firstByteAt = NaN, lastByteAt = NaN } = request!.timing;
    expect(receivedAt).toBeGreaterThanOrEqual(before);
    expect(firstByteAt - receivedAt).toBeGreaterThanOrEqual(95);
    // Nine events, each followed by a 10 ms pause.
    expect(lastByteAt - firstByteAt).toBeGreaterThanOrEqual(80);
    expect(lastByteAt).toBeLessThanOrEqual(after);
  });
});

describe('without stream', () => {
  it('answers the whole message, repeats the last turn, and a request with no key gets the default', async () => {
    const { key, ask } = script();
    await scriptFake(suite.fake.url, key, [{ blocks: [{ type: 'text', text: 'one' }] }, { blocks: [{ type: 'text', text: 'two' }], stopReason: 'max_tokens' }]);
    const texts: [string | false | undefined, string | null][] = [];
    for (let i = 0; i < 3; i++) {
      const message = await suite.client.messages.create({ model: MODEL, max_tokens: 10, messages: [ask('Again')] });
      texts.push([message.content[0]?.type === 'text' && message.content[0].text, message.stop_reason]);
    }
    expect(texts).toEqual([
      ['one', 'end_turn'],
      ['two', 'max_tokens'],
      ['two', 'max_tokens'],
    ]);
    const plain = await suite.client.messages.create({ model: MODEL, max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }] });
    expect(plain).toMatchObject({ content: [{ type: 'text', text: 'Hello from the fake model.' }], stop_reason: 'end_turn' });
  });

  it('counts tokens with the same estimate as message usage', async () => {
    const { key, ask } = script();
    const params = { model: MODEL, system: 'You are terse.', messages: [ask('Count me')] };
    const counted = await suite.client.messages.countTokens(params);
    const message = await suite.client.messages.create({ ...params, max_tokens: 10 });
    expect(counted.input_tokens).toBeGreaterThan(0);
    expect(counted.input_tokens).toBe(message.usage.input_tokens);
    expect((await fakeRequests(suite.fake.url, key)).map((r) => r.path)).toEqual(['/v1/messages/count_tokens', '/v1/messages']);
  });

  it('writes the cached prefix on the first request and reads it afterwards', async () => {
    const { ask } = script();
    const system = [{ type: 'text' as const, text: 'Long instructions. '.repeat(50), cache_control: { type: 'ephemeral' as const } }];
    const first = await suite.client.messages.create({ model: MODEL, max_tokens: 10, system, messages: [ask('One')] });
    const second = await suite.client.messages.create({ model: MODEL, max_tokens: 10, system, messages: [ask('Two')] });
    expect(first.usage.cache_creation_input_tokens).toBeGreaterThan(200);
    expect(first.usage.cache_read_input_tokens).toBe(0);
    expect(second.usage.cache_read_input_tokens).toBe(first.usage.cache_creation_input_tokens);
    expect(second.usage.cache_creation_input_tokens).toBe(0);
  });

  it('uses scripted usage over its estimates', async () => {
    const { key, ask } = script();
    await scriptFake(suite.fake.url, key, [{ blocks: [{ type: 'text', text: 'x' }], usage: { input_tokens: 1000, output_tokens: 7 } }]);
    const message = await suite.client.messages.stream({ model: MODEL, max_tokens: 10, messages: [ask('Bill me')] }).finalMessage();
    expect(message.usage).toMatchObject({ input_tokens: 1000, output_tokens: 7 });
  });
});
