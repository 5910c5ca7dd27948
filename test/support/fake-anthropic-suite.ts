// Shared setup of the fake's Node tests: one fake and one real SDK client per file, and script keys.
import Anthropic from '@anthropic-ai/sdk';
import type { MessageParam } from '@anthropic-ai/sdk/resources/messages';
import { afterAll, beforeAll } from 'vitest';
import { type FakeAnthropic, startFakeAnthropic } from './fake-anthropic';
import { fakeScriptMarker } from './fake-anthropic-client';

export const MODEL = 'claude-sonnet-5-5';

/** Starts the fake before the file's tests and closes it after; `script()` gives a fresh key and a question routed to it. */
export function fakeSuite(prefix: string) {
  const suite = { fake: undefined as unknown as FakeAnthropic, client: undefined as unknown as Anthropic };
  let keys = 0;
  beforeAll(async () => {
    suite.fake = await startFakeAnthropic();
    suite.client = new Anthropic({ apiKey: 'test', baseURL: suite.fake.url, maxRetries: 0 });
  });
  afterAll(() => suite.fake.close());
  const script = () => {
    const key = `${prefix}${++keys}-${Date.now()}`;
    return { key, ask: (text: string): MessageParam => ({ role: 'user', content: `${text} ${fakeScriptMarker(key)}` }) };
  };
  return { suite, script };
}
