// Booting an app and sending it requests inside the Workers pool, as the Worker entry would.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { type AtollApp, createApp } from '../../app';
import type { AnyPluginManifest } from '../types';
import { testEnv } from './env';

/** Boots an app with the given plugins, exactly as the entry does, against the test bindings. */
export function bootApp(plugins: readonly AnyPluginManifest[], overrides: Record<string, unknown> = {}): Promise<AtollApp> {
  return createApp(testEnv(overrides), plugins);
}

/**
 * Sends a request through the app with a real execution context, waiting for its `waitUntil` work.
 * `env` is what the Worker would pass to `fetch` (the test bindings unless the app was booted with others).
 */
export async function send(atoll: AtollApp, path: string, init?: RequestInit, env = testEnv()): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await atoll.app.fetch(new Request(`http://atoll.test${path}`, init), env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

/** The body as JSON (or text), for assertions that print it when they fail. */
export async function bodyOf(res: Response): Promise<any> {
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
