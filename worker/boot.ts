import { type AtollApp, createApp } from './app';
import { ConfigError } from './config';
import type { Env } from './env';
import { KernelErrorCode } from './error-codes';
import { PluginBootError } from './plugin/boot-error';
import type { AnyPluginManifest } from './plugin/types';

export type BootResult = { ok: true; atoll: AtollApp } | { ok: false; error: Error };

const booted = new WeakMap<object, Promise<BootResult>>();

/** Boots once per isolate and env; a failed boot is remembered and reported on every request. */
export function bootOnce(env: Env, plugins: () => readonly AnyPluginManifest[]): Promise<BootResult> {
  let result = booted.get(env);
  if (!result) {
    // Inside the promise: a plugin factory that throws is a failed boot (503) like any other.
    result = Promise.resolve()
      .then(() => createApp(env, plugins()))
      .then(
        (atoll): BootResult => ({ ok: true, atoll }),
        (error: unknown): BootResult => {
          const err = error instanceof Error ? error : new Error(String(error));
          const code = err instanceof ConfigError || err instanceof PluginBootError ? err.code : 'KERNEL_BOOT_FAILED';
          console.error(JSON.stringify({ level: 'error', time: new Date().toISOString(), msg: 'boot failed', code, error: err.message }));
          return { ok: false, error: err };
        },
      );
    booted.set(env, result);
  }
  return result;
}

/** What every request gets while the configuration is broken: a 503 that names no setting or value. */
export function misconfiguredResponse(error: Error): Response {
  const code = error instanceof ConfigError || error instanceof PluginBootError ? error.code : KernelErrorCode.MISCONFIGURED;
  const requestId = crypto.randomUUID();
  const body = {
    type: 'urn:atoll:problem:unavailable',
    title: 'Service unavailable',
    status: 503,
    detail: 'The service is misconfigured; the operator can find the cause in the logs.',
    code,
    requestId,
  };
  return new Response(JSON.stringify(body), {
    status: 503,
    headers: { 'content-type': 'application/problem+json', 'x-request-id': requestId, 'retry-after': '30' },
  });
}
