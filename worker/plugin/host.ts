import satisfies from 'semver/functions/satisfies';
import validVersion from 'semver/functions/valid';
import validRange from 'semver/ranges/valid';
import { z } from 'zod';
import type { Logger } from '../logger';
import { BootErrorCode, PluginBootError } from './boot-error';
import { checkNamespaces, checkOperationIds } from './conventions';
import { coreServices, type HostInfo } from './core-services';
import { orderPlugins } from './order';
import { resolvePluginConfig } from './plugin-config';
import type { LoadedPlugin, PluginRegistry } from './registry';
import { createPluginScope } from './scope';
import type { AnyPluginManifest } from './types';

const PLUGIN_ID = /^[a-z](?:[a-z0-9-]{0,38}[a-z0-9])?$/;
const QUALIFIED_TYPE = /^[a-z][a-z0-9-]*\.[a-z][a-z0-9-.]*$/;
const TOOL_NAME = /^[a-z][a-z0-9_]{0,63}$/;

const ManifestShape = z.object({
  id: z
    .string()
    .regex(PLUGIN_ID, 'must be kebab-case, 1-40 characters')
    .refine((id) => id !== 'kernel', 'is reserved for the host'),
  version: z.string().refine((v) => validVersion(v) !== null, 'must be a semver version'),
  requires: z.array(z.string()).optional(),
  // npm's own range grammar (the `semver` package): a plugin's author reads it as npm does.
  host: z
    .string()
    .refine((r) => validRange(r) !== null, 'must be a semver range')
    .optional(),
  migrations: z.string().min(1).optional(),
});

export interface BootOptions {
  hostVersion: string;
  env: Record<string, unknown>;
  logger: Logger;
  /** Method+path keys the kernel itself serves, which no plugin may claim. */
  reservedRoutes?: readonly string[];
  /** Kernel-owned services and extension points, by reference id. */
  kernelProvides?: readonly { ref: { id: string; kind: 'service' | 'extension-point'; owner: string }; implementation: unknown }[];
}

/** Route identity for conflicts: `GET /things/{}` whatever the parameter is called. */
export const routeKey = (method: string, path: string) => `${method.toUpperCase()} ${path.replace(/\{[^}]+\}/g, '{}')}`;

function validateManifest(m: AnyPluginManifest, hostVersion: string): void {
  const shape = ManifestShape.safeParse(m);
  const label = typeof m?.id === 'string' ? m.id : '(no id)';
  if (!shape.success) {
    const problems = shape.error.issues.map((i) => `${i.path.join('.') || 'manifest'} ${i.message}`).join('; ');
    throw new PluginBootError(BootErrorCode.INVALID_MANIFEST, `plugin "${label}": ${problems}`, label);
  }
  if (m.host && !satisfies(hostVersion, m.host)) {
    throw new PluginBootError(BootErrorCode.INCOMPATIBLE_HOST, `plugin "${m.id}" supports host ${m.host}, this host is ${hostVersion}`, m.id);
  }
  const badNames = [
    ...Object.keys(m.queues ?? {})
      .filter((t) => !QUALIFIED_TYPE.test(t))
      .map((t) => `queue type "${t}"`),
    ...Object.keys(m.jobs ?? {})
      .filter((t) => !QUALIFIED_TYPE.test(t))
      .map((t) => `job type "${t}"`),
    ...(m.chatTools ?? []).filter((t) => !TOOL_NAME.test(t.name)).map((t) => `tool name "${t.name}"`),
  ];
  if (badNames.length > 0) {
    throw new PluginBootError(BootErrorCode.INVALID_MANIFEST, `plugin "${m.id}": ${badNames.join(', ')} must be <namespace>.<name> (tools: snake_case)`, m.id);
  }
  checkNamespaces(m);
}

/** Adds `key` to `claims` or throws `code` naming both claimants. */
function claim(claims: Map<string, string>, key: string, pluginId: string, code: PluginBootError['code'], what: string) {
  const holder = claims.get(key);
  if (holder !== undefined) {
    throw new PluginBootError(code, `${what} ${key} is claimed by both "${holder}" and "${pluginId}"`, pluginId);
  }
  claims.set(key, pluginId);
}

/**
 * Validates manifests, orders them by `requires`, resolves their config, runs their `setup` and
 * collects what they contribute. Any problem throws a coded `PluginBootError`.
 */
export async function bootPlugins(manifests: readonly AnyPluginManifest[], options: BootOptions): Promise<PluginRegistry> {
  const seen = new Set<string>();
  for (const m of manifests) {
    validateManifest(m, options.hostVersion);
    if (seen.has(m.id)) throw new PluginBootError(BootErrorCode.DUPLICATE_ID, `plugin id "${m.id}" is installed twice`, m.id);
    seen.add(m.id);
  }
  const ordered = orderPlugins(manifests);

  const scope = createPluginScope(options.logger);
  scope.provideKernel(coreServices.host, {
    version: options.hostVersion,
    plugins: ordered.map((m) => ({ id: m.id, version: m.version, ...(m.description ? { description: m.description } : {}) })),
  } satisfies HostInfo);
  for (const { ref, implementation } of options.kernelProvides ?? []) scope.provideKernel(ref, implementation);
  const contexts = new Map<string, ReturnType<typeof scope.contextFor>>();
  for (const m of ordered) {
    const config = resolvePluginConfig(m.id, m.config, options.env);
    const ctx = scope.contextFor(m, config);
    contexts.set(m.id, ctx);
    await m.setup?.(ctx.setup);
  }
  scope.seal();

  const routeClaims = new Map<string, string>((options.reservedRoutes ?? []).map((k) => [k, 'kernel']));
  const pageClaims = new Map<string, string>();
  const queueClaims = new Map<string, string>();
  const jobClaims = new Map<string, string>();
  const toolClaims = new Map<string, string>();
  const registry = {
    plugins: [] as LoadedPlugin[],
    queues: new Map(),
    jobs: new Map(),
    chatTools: new Map(),
    middleware: scope.middleware,
  } satisfies PluginRegistry;

  for (const m of ordered) {
    const context = contexts.get(m.id)!.plugin;
    const routes = m.routes?.(context) ?? [];
    checkOperationIds(m.id, routes);
    for (const r of routes) claim(routeClaims, routeKey(r.route.method, r.mountAtRoot ? r.route.path : `/api/v1${r.route.path}`), m.id, BootErrorCode.ROUTE_CONFLICT, 'route');
    const pages = m.views?.(context) ?? [];
    for (const p of pages) claim(pageClaims, routeKey(p.method ?? 'get', `/app${p.path}`), m.id, BootErrorCode.PAGE_CONFLICT, 'page');
    for (const [type, definition] of Object.entries(m.queues ?? {})) {
      claim(queueClaims, type, m.id, BootErrorCode.QUEUE_CONFLICT, 'queue type');
      registry.queues.set(type, { pluginId: m.id, definition, context });
    }
    for (const [type, definition] of Object.entries(m.jobs ?? {})) {
      claim(jobClaims, type, m.id, BootErrorCode.JOB_CONFLICT, 'job type');
      registry.jobs.set(type, { pluginId: m.id, definition, context });
    }
    for (const tool of m.chatTools ?? []) {
      claim(toolClaims, tool.name, m.id, BootErrorCode.TOOL_CONFLICT, 'chat tool');
      registry.chatTools.set(tool.name, { pluginId: m.id, definition: tool, context });
    }
    registry.plugins.push({ manifest: m, context, routes, pages });
  }
  return registry;
}
