// Test helpers for assistant runs (not a test file itself): a booted Atoll with every installed
// plugin, the fake Messages API's address, sessions, questions and the SSE events they stream.
import { env } from 'cloudflare:workers';
import { expect } from 'vitest';
import { fakeScriptMarker, fakeRequests as recorded } from '../../test/support/fake-anthropic-client';
import { bodyOf, bootApp, send } from '../../test/worker/harness';
import { authTestEnv, type SignedUp } from '../../test/worker/identity';
import type { AtollApp } from '../../worker/app';
import { installedPlugins } from '../../worker/plugins';

export { scriptFake } from '../../test/support/fake-anthropic-client';

/** The requests the fake received for a script, bodies as parsed JSON. */
export const fakeRequests = async (url: string, key: string) => (await recorded(url, key)) as { path: string; headers: Record<string, string>; body: any }[];
export { team } from '../../test/worker/seed';
export { call } from '../tenants/testing';

/** The fake Messages API (test/support/fake-anthropic.ts) the ChatSession objects talk to. */
export const FAKE_URL = (env as unknown as { CHAT_ANTHROPIC_BASE_URL: string }).CHAT_ANTHROPIC_BASE_URL;

export const bootAll = async (settings: Record<string, string> = {}): Promise<AtollApp> => bootApp(installedPlugins(), { ...(await authTestEnv()), ...settings });

/** A fresh script key and the marker that routes a question to it. */
export const scriptKey = () => {
  const key = `chat-${crypto.randomUUID().slice(0, 12)}`;
  return { key, marker: fakeScriptMarker(key) };
};

export interface RunEvent {
  seq: number;
  type: string;
  data: any;
}

/** Parses SSE frames (id, event, data lines). */
export function parseEvents(text: string): RunEvent[] {
  return text
    .split('\n\n')
    .filter((frame) => frame.trim() !== '')
    .map((frame) => {
      const field = (name: string) =>
        frame
          .split('\n')
          .find((l) => l.startsWith(`${name}: `))
          ?.slice(name.length + 2) ?? '';
      return { seq: Number(field('id')), type: field('event'), data: JSON.parse(field('data') || 'null') };
    });
}

const headersOf = (who: SignedUp, tenantId: string) => ({ ...who.headers(), 'x-tenant-id': tenantId });

export async function newSession(atoll: AtollApp, who: SignedUp, tenantId: string, body: Record<string, unknown> = {}) {
  const res = await send(atoll, '/api/v1/chat/sessions', { method: 'POST', headers: headersOf(who, tenantId), body: JSON.stringify(body) });
  const session = await bodyOf(res);
  expect(res.status, JSON.stringify(session)).toBe(201);
  return session as { id: string; title: string };
}

/** Sends a question; the response is the run's SSE stream (read it whole, or with `readUntil`). */
export const ask = (atoll: AtollApp, who: SignedUp, tenantId: string, sessionId: string, content: string) =>
  send(atoll, `/api/v1/chat/sessions/${sessionId}/messages`, { method: 'POST', headers: headersOf(who, tenantId), body: JSON.stringify({ content }) });

/** Sends a question and reads the whole run (it must end without waiting for anyone). */
export async function askAll(atoll: AtollApp, who: SignedUp, tenantId: string, sessionId: string, content: string): Promise<RunEvent[]> {
  const res = await ask(atoll, who, tenantId, sessionId, content);
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return parseEvents(text);
}

/** Reads SSE events until one of `type` arrives, then drops the connection (the run goes on). */
export async function readUntil(res: Response, type: string): Promise<RunEvent[]> {
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    const complete = buffer.slice(0, buffer.lastIndexOf('\n\n') + 2);
    if (parseEvents(complete).some((e) => e.type === type)) {
      await reader.cancel();
      return parseEvents(complete);
    }
  }
  return parseEvents(buffer);
}

/** The events of a run after `after` (reattaching), read to the end. */
export async function eventsAfter(atoll: AtollApp, who: SignedUp, tenantId: string, sessionId: string, runId: string, after: number) {
  const res = await send(atoll, `/api/v1/chat/sessions/${sessionId}/runs/${runId}/events?after=${after}`, { headers: headersOf(who, tenantId) });
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return parseEvents(text);
}

export const textOf = (events: RunEvent[]) =>
  events
    .filter((e) => e.type === 'text')
    .map((e) => e.data.delta)
    .join('');
export const runIdOf = (events: RunEvent[]) => events.find((e) => e.type === 'run')!.data.runId as string;
export const headers = headersOf;
