import { exports } from 'cloudflare:workers';

import { describe, expect, it } from 'vitest';
import { bootOnce, misconfiguredResponse } from '../../worker/boot';
import { composedPlugins } from '../../worker/composition';
import { ConfigError } from '../../worker/config';
import { installedPlugins } from '../../worker/plugins';
import { testEnv } from './harness';

describe('Worker entry', () => {
  it('serves the installed plugins through the default export', async () => {
    const worker = (exports as unknown as { default: Fetcher }).default;
    const res = await worker.fetch('http://atoll.test/api/v1/system/info');
    const body = await res.json<{ plugins: { id: string }[]; build: string }>();
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body.plugins.map((p) => p.id).sort()).toEqual(
      installedPlugins()
        .map((p) => p.id)
        .sort(),
    );
  });

  it('is the createAtoll composition of the installed plugins, which the Durable Objects boot too', () => {
    // The pool loaded worker/index.ts as the Worker's main module; its createAtoll call left the list.
    expect(composedPlugins().map((p) => p.id)).toEqual(installedPlugins().map((p) => p.id));
  });

  it('answers every request with a 503 problem naming no setting when the configuration is bad', async () => {
    const env = testEnv({ S3_BUCKET: undefined, S3_SECRET_ACCESS_KEY: 'do-not-print-me' });
    const boot = await bootOnce(env, installedPlugins);
    expect(boot.ok).toBe(false);
    if (boot.ok) return;
    expect(boot.error).toBeInstanceOf(ConfigError);
    expect(boot.error.message).toContain('S3_BUCKET');
    expect(boot.error.message).not.toContain('do-not-print-me');
    const res = misconfiguredResponse(boot.error);
    const text = await res.text();
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(JSON.parse(text)).toMatchObject({ code: 'KERNEL_CONFIG_INVALID', status: 503 });
    expect(text).not.toContain('S3_BUCKET');
    expect(text).not.toContain('do-not-print-me');
  });

  it('documents every installed plugin in the OpenAPI document', async () => {
    const worker = (exports as unknown as { default: Fetcher }).default;
    const res = await worker.fetch('http://atoll.test/api/openapi.json');
    const doc = await res.json<{ tags: { name: string }[]; paths: Record<string, unknown> }>();
    expect(res.status, JSON.stringify(doc).slice(0, 500)).toBe(200);
    expect(doc.tags.map((t) => t.name).sort()).toEqual(['health', ...installedPlugins().map((p) => p.id)].sort());
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/files', '/api/v1/projects', '/api/v1/artifacts/{id}', '/api/v1/tenants', '/api/v1/auth/login', '/.well-known/jwks.json']));
  });

  it('remembers a plugin factory that throws as a failed boot (503), not an error on every request', async () => {
    const env = testEnv();
    const factory = () => {
      throw new Error('the plugin factory failed');
    };
    const boot = await bootOnce(env, factory);
    expect(boot.ok).toBe(false);
    if (boot.ok) return;
    expect(boot.error.message).toBe('the plugin factory failed');
    expect(misconfiguredResponse(boot.error).status).toBe(503);
    expect(bootOnce(env, factory)).toBe(bootOnce(env, factory));
  });

  it('boots once per environment', async () => {
    const env = testEnv();
    expect(bootOnce(env, installedPlugins)).toBe(bootOnce(env, installedPlugins));
  });
});
