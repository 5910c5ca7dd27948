import { createRoute } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLogger } from '../logger';
import { BootErrorCode, PluginBootError } from './boot-error';
import { coreServices } from './core-services';
import { definePlugin, defineRoute } from './define';
import { bootPlugins } from './host';
import { createExtensionPoint, createServiceRef } from './refs';
import type { AnyPluginManifest } from './types';

const logger = createLogger('error');
const boot = (manifests: AnyPluginManifest[], env: Record<string, unknown> = {}, reservedRoutes: string[] = []) => bootPlugins(manifests, { hostVersion: '0.1.0', env, logger, reservedRoutes });

const plugin = (id: string, extra: Partial<AnyPluginManifest> = {}): AnyPluginManifest => ({ id, version: '1.0.0', ...extra });

const route = (method: 'get' | 'post', path: string, operationId = `a.${method}Thing`) =>
  defineRoute(createRoute({ method, path, operationId, responses: { 200: { description: 'ok' } } }), (c) => c.json({}, 200));

async function bootError(promise: Promise<unknown>): Promise<PluginBootError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(PluginBootError);
    return error as PluginBootError;
  }
  throw new Error('expected boot to fail');
}

const jobType = { input: z.object({}), result: z.object({}), leaseSeconds: 60, maxAttempts: 3 };
const queueType = { schema: z.object({}), handler: async () => {} };
const tool = (name: string) => ({ name, description: 'd', input: z.object({}), run: async () => ({ text: '' }) });

describe('boot errors', () => {
  it.each<[string, AnyPluginManifest[], string, RegExp]>([
    ['duplicate id', [plugin('a'), plugin('a')], BootErrorCode.DUPLICATE_ID, /"a" is installed twice/],
    ['missing required plugin', [plugin('a', { requires: ['auth'] })], BootErrorCode.MISSING_DEPENDENCY, /"a" requires "auth"/],
    ['dependency cycle', [plugin('a', { requires: ['b'] }), plugin('b', { requires: ['a'] })], BootErrorCode.DEPENDENCY_CYCLE, /a -> b -> a/],
    ['incompatible host version', [plugin('a', { host: '^2.0.0' })], BootErrorCode.INCOMPATIBLE_HOST, /supports host \^2\.0\.0, this host is 0\.1\.0/],
    ['bad id', [plugin('Not_Kebab')], BootErrorCode.INVALID_MANIFEST, /id must be kebab-case/],
    ['bad version', [plugin('a', { version: 'one' })], BootErrorCode.INVALID_MANIFEST, /version must be a semver version/],
    ['reserved id', [plugin('kernel')], BootErrorCode.INVALID_MANIFEST, /id is reserved for the host/],
    ['bad queue type name', [plugin('a', { queues: { ingest: queueType } })], BootErrorCode.INVALID_MANIFEST, /queue type "ingest"/],
    ['bad tool name', [plugin('a', { chatTools: [tool('Run.SQL')] })], BootErrorCode.INVALID_MANIFEST, /tool name "Run.SQL"/],
    [
      'colliding route',
      [plugin('a', { routes: () => [route('get', '/things/{id}')] }), plugin('b', { routes: () => [route('get', '/things/{thingId}', 'b.getThing')] })],
      BootErrorCode.ROUTE_CONFLICT,
      /route GET \/api\/v1\/things\/\{\} is claimed by both "a" and "b"/,
    ],
    [
      'colliding page',
      [plugin('a', { views: () => [{ path: '/x', title: 'x', render: () => null }] }), plugin('b', { views: () => [{ path: '/x', title: 'y', render: () => null }] })],
      BootErrorCode.PAGE_CONFLICT,
      /page GET \/app\/x/,
    ],
    // Queue and job types start with `<id>.`, so two plugins cannot claim one; tool prefixes can overlap.
    ['colliding tool name', [plugin('a', { chatTools: [tool('a_b_query')] }), plugin('a-b', { chatTools: [tool('a_b_query')] })], BootErrorCode.TOOL_CONFLICT, /chat tool a_b_query/],
  ])('%s', async (_name, manifests, code, message) => {
    const error = await bootError(boot(manifests));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it('refuses a route the kernel serves', async () => {
    const error = await bootError(boot([plugin('a', { routes: () => [route('get', '/x')] })], {}, ['GET /api/v1/x']));
    expect(error.code).toBe(BootErrorCode.ROUTE_CONFLICT);
    expect(error.message).toContain('"kernel"');
  });

  it('allows the same path under different methods', async () => {
    const registry = await boot([plugin('a', { routes: () => [route('get', '/x'), route('post', '/x')] })]);
    expect(registry.plugins[0]!.routes).toHaveLength(2);
  });
});

describe('plugin config', () => {
  const configured = definePlugin(() => ({
    id: 'cluster-admin',
    version: '1.0.0',
    config: z.object({ maxDesired: z.coerce.number().int().min(1).max(50), region: z.string().default('eu-west-1') }),
  }));

  it('reads each key from <PLUGIN_ID>_<KEY> and validates it once', async () => {
    let seen: unknown;
    const registry = await boot([{ ...configured(), setup: (ctx) => void (seen = ctx.config) }], { CLUSTER_ADMIN_MAX_DESIRED: '7' });
    expect(seen).toEqual({ maxDesired: 7, region: 'eu-west-1' });
    expect(registry.plugins[0]!.context.config).toEqual({ maxDesired: 7, region: 'eu-west-1' });
  });

  it('fails boot naming the variable, never its value', async () => {
    const error = await bootError(boot([configured()], { CLUSTER_ADMIN_MAX_DESIRED: 'secret-value-99' }));
    expect(error.code).toBe(BootErrorCode.INVALID_CONFIG);
    expect(error.message).toContain('CLUSTER_ADMIN_MAX_DESIRED');
    expect(error.message).not.toContain('secret-value-99');
  });

  it('names a missing required variable', async () => {
    const error = await bootError(boot([configured()]));
    expect(error.code).toBe(BootErrorCode.INVALID_CONFIG);
    expect(error.message).toContain('CLUSTER_ADMIN_MAX_DESIRED');
  });
});

describe('ordering, services and extension points', () => {
  it('orders plugins after what they require, keeping the given order otherwise', async () => {
    const registry = await boot([plugin('c', { requires: ['b'] }), plugin('x'), plugin('b', { requires: ['a'] }), plugin('a')]);
    expect(registry.plugins.map((p) => p.manifest.id)).toEqual(['a', 'b', 'c', 'x']);
  });

  it('runs setups in dependency order and shares services between them', async () => {
    const greeter = createServiceRef<{ greet(name: string): string }>({ id: 'a.greeter' });
    const calls: string[] = [];
    let greeting = '';
    await boot([
      plugin('b', {
        requires: ['a'],
        setup: (ctx) => {
          calls.push('b');
          greeting = ctx.service(greeter).greet('b');
        },
      }),
      plugin('a', {
        setup: (ctx) => {
          calls.push('a');
          ctx.provide(greeter, { greet: (n) => `hello ${n}` });
        },
      }),
    ]);
    expect(calls).toEqual(['a', 'b']);
    expect(greeting).toBe('hello b');
  });

  it('lets a plugin read only services of plugins it requires', async () => {
    const secret = createServiceRef<string>({ id: 'a.secret' });
    const error = await bootError(boot([plugin('a', { setup: (ctx) => ctx.provide(secret, 's') }), plugin('b', { setup: (ctx) => void ctx.service(secret) })]));
    expect(error.code).toBe(BootErrorCode.SERVICE_UNAVAILABLE);
    expect(error.message).toContain('does not require "a"');
  });

  it('lets a plugin provide only under its own namespace', async () => {
    const foreign = createServiceRef<string>({ id: 'auth.users' });
    const error = await bootError(boot([plugin('a', { setup: (ctx) => ctx.provide(foreign, 'x') })]));
    expect(error.code).toBe(BootErrorCode.SERVICE_CONFLICT);
  });

  it('collects contributions through an extension point', async () => {
    const links = createExtensionPoint<{ add(label: string): void }>({ id: 'menu.links' });
    const added: string[] = [];
    await boot([
      plugin('menu', { setup: (ctx) => ctx.registerExtensionPoint(links, { add: (l) => added.push(l) }) }),
      plugin('reports', { requires: ['menu'], setup: (ctx) => ctx.extensionPoint(links).add('Reports') }),
    ]);
    expect(added).toEqual(['Reports']);
  });

  it('closes extension points after setup', async () => {
    const links = createExtensionPoint<{ add(label: string): void }>({ id: 'menu.links' });
    let late: (() => unknown) | undefined;
    await boot([
      plugin('menu', { setup: (ctx) => ctx.registerExtensionPoint(links, { add: () => {} }) }),
      plugin('reports', { requires: ['menu'], setup: (ctx) => void (late = () => ctx.extensionPoint(links)) }),
    ]);
    expect(() => late!()).toThrow(/only available during setup/);
  });

  it('provides the kernel host service to every plugin', async () => {
    let host: unknown;
    await boot([plugin('z', { setup: (ctx) => void (host = ctx.service(coreServices.host)) }), plugin('a')]);
    expect(host).toEqual({
      version: '0.1.0',
      plugins: [
        { id: 'z', version: '1.0.0' },
        { id: 'a', version: '1.0.0' },
      ],
    });
  });

  it('registers middleware, queues, jobs and tools with their owners', async () => {
    const registry = await boot([
      plugin('a', {
        setup: (ctx) => ctx.use('/api/*', async (_c, next) => next()),
        queues: { 'a.ingest': queueType },
        jobs: { 'a.export': jobType },
        chatTools: [tool('a_query')],
      }),
    ]);
    expect(registry.middleware.map((m) => [m.pluginId, m.path])).toEqual([['a', '/api/*']]);
    expect(registry.queues.get('a.ingest')?.pluginId).toBe('a');
    expect(registry.jobs.get('a.export')?.definition.maxAttempts).toBe(3);
    expect(registry.chatTools.get('a_query')?.pluginId).toBe('a');
  });
});
