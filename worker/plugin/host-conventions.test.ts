import { createRoute } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLogger } from '../logger';
import { BootErrorCode, PluginBootError } from './boot-error';
import { defineRoute } from './define';
import { bootPlugins } from './host';
import type { AnyPluginManifest } from './types';

// The naming conventions boot enforces: operation ids `<id>.<verbNoun>`, queue and job types
// `<id>.<name>`, tool names `<id in snake case>_<name>`.
const boot = (manifests: AnyPluginManifest[]) => bootPlugins(manifests, { hostVersion: '0.1.0', env: {}, logger: createLogger('error') });
const plugin = (id: string, extra: Partial<AnyPluginManifest> = {}): AnyPluginManifest => ({ id, version: '1.0.0', ...extra });
const route = (path: string, operationId?: string) =>
  defineRoute(createRoute({ method: 'get', path, ...(operationId === undefined ? {} : { operationId }), responses: { 200: { description: 'ok' } } }), (c) => c.json({}, 200));
const jobType = { input: z.object({}), result: z.object({}), leaseSeconds: 60, maxAttempts: 3 };
const queueType = { schema: z.object({}), handler: async () => {} };
const tool = (name: string) => ({ name, description: 'd', input: z.object({}), run: async () => ({ text: '' }) });

async function bootError(manifests: AnyPluginManifest[]): Promise<PluginBootError> {
  try {
    await boot(manifests);
  } catch (error) {
    expect(error).toBeInstanceOf(PluginBootError);
    return error as PluginBootError;
  }
  throw new Error('expected boot to fail');
}

describe('naming conventions', () => {
  it('boots a plugin whose names all carry its namespace', async () => {
    const registry = await boot([
      plugin('cluster-admin', {
        routes: () => [route('/services', 'cluster-admin.listServices'), route('/services/{id}', 'cluster-admin.getService2')],
        queues: { 'cluster-admin.scale': queueType },
        jobs: { 'cluster-admin.redeploy.all': jobType },
        chatTools: [tool('cluster_admin_list_services')],
      }),
      plugin('auth', { routes: () => [route('/login', 'auth.login')] }),
    ]);
    expect(registry.plugins.map((p) => p.routes.map((r) => r.route.operationId))).toEqual([['cluster-admin.listServices', 'cluster-admin.getService2'], ['auth.login']]);
    expect([...registry.queues.keys(), ...registry.jobs.keys(), ...registry.chatTools.keys()]).toEqual(['cluster-admin.scale', 'cluster-admin.redeploy.all', 'cluster_admin_list_services']);
  });

  it.each<[string, string | undefined, RegExp]>([
    ['a missing operationId', undefined, /route GET \/things has no operationId; name it "cluster-admin\.<verbNoun>"/],
    ['an empty operationId', '', /route GET \/things has no operationId/],
    ['no namespace', 'listThings', /operationId "listThings"; it must be "cluster-admin\.<verbNoun>"/],
    ["another plugin's namespace", 'projects.listThings', /operationId "projects\.listThings"/],
    ['the id in snake case', 'cluster_admin.listThings', /operationId "cluster_admin\.listThings"/],
    ['a longer id sharing the prefix', 'cluster-admins.listThings', /operationId "cluster-admins\.listThings"/],
    ['nothing after the dot', 'cluster-admin.', /operationId "cluster-admin\."/],
    ['a capital first letter', 'cluster-admin.ListThings', /operationId "cluster-admin\.ListThings"/],
    ['snake case', 'cluster-admin.list_things', /operationId "cluster-admin\.list_things"/],
    ['kebab case', 'cluster-admin.list-things', /operationId "cluster-admin\.list-things"/],
    ['a second dot', 'cluster-admin.things.list', /operationId "cluster-admin\.things\.list"/],
    ['a leading digit', 'cluster-admin.2list', /operationId "cluster-admin\.2list"/],
    ['more than 64 characters after the dot', `cluster-admin.list${'x'.repeat(61)}`, /operationId "cluster-admin\.listx+"/],
  ])('refuses %s', async (_name, operationId, message) => {
    const error = await bootError([plugin('cluster-admin', { routes: () => [route('/things', operationId)] })]);
    expect(error.code).toBe(BootErrorCode.INVALID_OPERATION_ID);
    expect(error.pluginId).toBe('cluster-admin');
    expect(error.message).toMatch(/plugin "cluster-admin": /);
    expect(error.message).toMatch(message);
  });

  it('refuses one operationId on two routes of a plugin', async () => {
    const error = await bootError([plugin('a', { routes: () => [route('/x', 'a.getThing'), route('/y', 'a.getThing')] })]);
    expect(error.code).toBe(BootErrorCode.INVALID_OPERATION_ID);
    expect(error.message).toMatch(/plugin "a": route GET \/y repeats operationId "a\.getThing"/);
  });

  it.each<[string, Partial<AnyPluginManifest>, RegExp]>([
    ["a queue type in another plugin's namespace", { queues: { 'datasets.ingest': queueType } }, /queue type "datasets\.ingest" must start with "cluster-admin\."/],
    ['a queue type of a longer id sharing the prefix', { queues: { 'cluster-admins.run': queueType } }, /queue type "cluster-admins\.run"/],
    ["a job type in another plugin's namespace", { jobs: { 'jobs.export': jobType } }, /job type "jobs\.export" must start with "cluster-admin\."/],
    ["a tool name in another plugin's namespace", { chatTools: [tool('datasets_list')] }, /tool name "datasets_list" must start with "cluster_admin_"/],
    ['a tool name with only part of the id', { chatTools: [tool('cluster_list')] }, /tool name "cluster_list"/],
    ['a tool name that is only the prefix', { chatTools: [tool('cluster_admin_')] }, /tool name "cluster_admin_"/],
  ])('refuses %s', async (_name, extra, message) => {
    const error = await bootError([plugin('cluster-admin', extra)]);
    expect(error.code).toBe(BootErrorCode.OUTSIDE_NAMESPACE);
    expect(error.pluginId).toBe('cluster-admin');
    expect(error.message).toMatch(/plugin "cluster-admin": /);
    expect(error.message).toMatch(message);
  });

  it('names every misnamed queue type, job type and tool at once, before any setup runs', async () => {
    let setUp = false;
    const error = await bootError([
      plugin('a', { setup: () => void (setUp = true) }),
      plugin('b', { queues: { 'a.run': queueType }, jobs: { 'a.export': jobType }, chatTools: [tool('a_query'), tool('b_query')] }),
    ]);
    expect(error.code).toBe(BootErrorCode.OUTSIDE_NAMESPACE);
    expect(error.message).toBe('PLUGIN_OUTSIDE_NAMESPACE: plugin "b": queue type "a.run" must start with "b.", job type "a.export" must start with "b.", tool name "a_query" must start with "b_"');
    expect(setUp).toBe(false);
  });
});
