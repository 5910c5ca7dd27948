import type { MiddlewareHandler } from 'hono';
import type { AnyPluginManifest, AppEnv, ChatToolDefinition, JobTypeDefinition, PageDefinition, PluginContext, QueueDefinition, RouteDefinition } from './types';

export interface LoadedPlugin {
  readonly manifest: AnyPluginManifest;
  readonly context: PluginContext<unknown>;
  readonly routes: RouteDefinition[];
  readonly pages: PageDefinition[];
}

export interface Owned<T> {
  readonly pluginId: string;
  readonly definition: T;
}

/** Everything the plugins contribute, validated and in dependency order. */
export interface PluginRegistry {
  readonly plugins: readonly LoadedPlugin[];
  readonly queues: ReadonlyMap<string, Owned<QueueDefinition> & { context: PluginContext<unknown> }>;
  readonly jobs: ReadonlyMap<string, Owned<JobTypeDefinition> & { context: PluginContext<unknown> }>;
  readonly chatTools: ReadonlyMap<string, Owned<ChatToolDefinition> & { context: PluginContext<unknown> }>;
  readonly middleware: readonly { pluginId: string; path: string; handler: MiddlewareHandler<AppEnv> }[];
}
