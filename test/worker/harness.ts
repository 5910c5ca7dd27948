import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { createApp, type AtollApp } from '../../worker/app';
import type { Env } from '../../worker/env';
import type { AnyPluginManifest } from '../../worker/plugin/types';

// Spreading the pool's `env` copies every binding and variable (about a hundred): 2% of workerd's
// time in the fuzzer, which asks for it on every request. The bindings do not change during a run.
let bindings: Env | undefined;

/** The test bindings (real Postgres through Hyperdrive, real s3rver) with some replaced. */
export function testEnv(overrides: Record<string, unknown> = {}): Env {
  bindings ??= { ...(env as unknown as Env) };
  return { ...bindings, ...overrides };
}

/** Boots an app with the given plugins, exactly as the entry does, against the test bindings. */
export function bootApp(plugins: readonly AnyPluginManifest[], overrides: Record<string, unknown> = {}): Promise<AtollApp> {
  return createApp(testEnv(overrides), plugins);
}

/** Sends a request through the app with a real execution context, waiting for its `waitUntil` work. */
export async function send(atoll: AtollApp, path: string, init?: RequestInit): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await atoll.app.fetch(new Request(`http://atoll.test${path}`, init), testEnv(), ctx);
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

/** A Hyperdrive-shaped binding pointing at `connectionString` (e.g. a closed port). */
export const hyperdriveAt = (connectionString: string) => ({ connectionString }) as unknown as Hyperdrive;
