import type { QueueProducer } from '../../queues/producer';
import type { HomeExtension } from '../../views/home-registry';
import type { LayoutExtension } from '../../views/layout-registry';
import type { AccessExtension } from '../access/types';
import type { RateLimiterService } from '../http/rate-limit';
import type { RealtimePublisher } from '../realtime/publisher';
import type { ObjectStorage } from '../storage/object-storage';
import type { ApiScopes } from './api-scopes';
import { createExtensionPoint, createServiceRef } from './refs';
import type { ChatToolDefinition, JobTypeDefinition, PluginContext } from './types';

/**
 * The host's version and the installed plugins (`coreServices.host`).
 *
 * @example
 * const { version, plugins } = ctx.service(coreServices.host);
 */
export interface HostInfo {
  readonly version: string;
  /** Installed plugins in boot order. */
  readonly plugins: readonly { id: string; version: string; description?: string }[];
}

/**
 * The job types every installed plugin declared (`jobs` in its manifest), for the jobs plugin.
 *
 * @example
 * const jobType = ctx.service(coreServices.jobTypes).get(input.type);
 * if (!jobType) throw unknownType(input.type);
 */
export interface JobTypes {
  get(type: string): { pluginId: string; definition: JobTypeDefinition; context: PluginContext<unknown> } | undefined;
  types(): string[];
}

/**
 * The chat tools every installed plugin contributed (`chatTools`), for the assistant and MCP.
 *
 * @example
 * const names = ctx.service(coreServices.chatTools).list().map((t) => t.definition.name);
 */
export interface ChatTools {
  get(name: string): { pluginId: string; definition: ChatToolDefinition; context: PluginContext<unknown> } | undefined;
  /** Every tool, in plugin boot order. */
  list(): { pluginId: string; definition: ChatToolDefinition; context: PluginContext<unknown> }[];
}

/**
 * Services the kernel provides to every plugin: read them with `ctx.service(...)`, no `requires`
 * needed.
 *
 * @example
 * const storage = ctx.service(coreServices.storage);
 * await ctx.service(coreServices.queue).send('datasets.ingest', payload);
 */
export const coreServices = {
  host: createServiceRef<HostInfo>({ id: 'kernel.host' }),
  /** The S3 adapter (`ObjectStorage`) on the configured bucket; plugins keep to their own key prefixes. */
  storage: createServiceRef<ObjectStorage>({ id: 'kernel.storage' }),
  /** Sends messages to the task queue, routed by type to the plugin that registered it. */
  queue: createServiceRef<QueueProducer>({ id: 'kernel.queue' }),
  /** Publishes events to a tenant's realtime hub (TenantHub), best effort. */
  realtime: createServiceRef<RealtimePublisher>({ id: 'kernel.realtime' }),
  /** Fixed-window rate limits by key, for limits a route option cannot express (e.g. per service call). */
  rateLimiter: createServiceRef<RateLimiterService>({ id: 'kernel.rateLimiter' }),
  /** Job types declared by the installed plugins. */
  jobTypes: createServiceRef<JobTypes>({ id: 'kernel.jobTypes' }),
  /** Chat tools contributed by the installed plugins. */
  chatTools: createServiceRef<ChatTools>({ id: 'kernel.chatTools' }),
  /** API-key scopes the installed plugins' routes and job types use: what a key may be given. Read it after boot. */
  apiScopes: createServiceRef<ApiScopes>({ id: 'kernel.apiScopes' }),
};

/**
 * Extension points the kernel owns, for plugins to plug into during setup.
 *
 * @example
 * setup: (ctx) => ctx.extensionPoint(coreExtensionPoints.layout).addHeaderWidget(TenantSwitcher, 20),
 */
export const coreExtensionPoints = {
  /** The identity plugins register the authenticator, the tenant resolver and the login page here. */
  access: createExtensionPoint<AccessExtension>({ id: 'kernel.access' }),
  /** Header widgets on every page (user menu, tenant switcher). */
  layout: createExtensionPoint<LayoutExtension>({ id: 'kernel.layout' }),
  /**
   * The signed-in home page: getting-started steps and recent items from each plugin's own data,
   * for the browser's current tenant (`undefined` when none is chosen).
   */
  home: createExtensionPoint<HomeExtension>({ id: 'kernel.home' }),
};
