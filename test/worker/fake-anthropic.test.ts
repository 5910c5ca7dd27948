// The fake Messages API as workerd tests reach it: its address bound as CHAT_ANTHROPIC_BASE_URL,
// scripted over loopback fetch, and answering the SDK inside the Worker runtime as the chat plugin calls it.

import { env } from 'cloudflare:workers';
import { Anthropic } from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { fakeRequests, fakeScriptMarker, scriptFake } from '../support/fake-anthropic-client';

const baseURL = env.CHAT_ANTHROPIC_BASE_URL as string;

describe('fake Anthropic from workerd', () => {
  it('streams a scripted tool call to the SDK and records the request', async () => {
    const key = `workerd-${crypto.randomUUID()}`;
    await scriptFake(baseURL, key, [{ blocks: [{ type: 'tool_use', id: 'toolu_w', name: 'datasets_list', input: { limit: 5 } }] }]);
    const client = new Anthropic({ apiKey: env.CHAT_ANTHROPIC_API_KEY as string, baseURL, maxRetries: 0 });
    const message = await client.messages.stream({ model: 'claude-sonnet-5-5', max_tokens: 256, messages: [{ role: 'user', content: `List datasets ${fakeScriptMarker(key)}` }] }).finalMessage();
    expect(message.content).toMatchObject([{ type: 'tool_use', id: 'toolu_w', name: 'datasets_list', input: { limit: 5 } }]);
    const requests = await fakeRequests(baseURL, key);
    expect(requests).toMatchObject([{ path: '/v1/messages', headers: { authorization: 'Bearer ***' }, body: { stream: true } }]);
  });
});
