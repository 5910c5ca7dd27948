// The `atoll` package's entry: `createAtoll` composes a Worker from plugins, and the Durable Object
// classes its bindings name are exported beside it for the Worker's entry to re-export.
import { dispatchQueueBatch } from '../queues/dispatch';
import { bootOnce, misconfiguredResponse } from './boot';
import { type PluginList, rememberComposition } from './composition';
import type { Env } from './env';
import { createLogger } from './logger';
import { runScheduled } from './scheduled';

export { ChatSession } from '../durable-objects/chat-session';
export { RateLimiter } from '../durable-objects/rate-limiter';
export { TenantHub } from '../durable-objects/tenant-hub';
export type { PluginList } from './composition';
export type { Env } from './env';

export interface AtollOptions {
  /**
   * The plugins this Worker installs, in any order (the host orders them by `requires`). A function,
   * so every boot gets fresh manifests: a plugin factory may keep state per boot.
   */
  plugins: PluginList;
}

/** The handlers `createAtoll` returns: the Worker's default export. */
export interface AtollWorker {
  fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response>;
  queue(batch: MessageBatch, env: Env): Promise<void>;
  scheduled(controller: ScheduledController, env: Env): Promise<void>;
}

/**
 * Composes a Worker from plugins: the returned `fetch`, `queue` and `scheduled` handlers boot the
 * plugins once per isolate (a failed boot answers every request with a 503 problem) and serve them.
 * One composition per Worker bundle: the Durable Objects find its plugin list too.
 *
 * @example
 * // src/index.ts of a Worker composed elsewhere; wrangler.jsonc's `main` points here.
 * import { createAtoll } from 'atoll';
 * import { authPlugin } from 'atoll/plugins/auth';
 * import { systemPlugin } from 'atoll/plugins/system';
 * import { tenantsPlugin } from 'atoll/plugins/tenants';
 *
 * export { RateLimiter, TenantHub } from 'atoll';
 * export default createAtoll({ plugins: () => [authPlugin(), systemPlugin(), tenantsPlugin()] });
 */
export function createAtoll(options: AtollOptions): AtollWorker {
  const { plugins } = options;
  rememberComposition(plugins);
  return {
    async fetch(request, env, ctx) {
      const boot = await bootOnce(env, plugins);
      if (!boot.ok) return misconfiguredResponse(boot.error);
      return boot.atoll.app.fetch(request, env, ctx);
    },

    async queue(batch, env) {
      const boot = await bootOnce(env, plugins);
      if (!boot.ok) {
        batch.retryAll({ delaySeconds: 60 });
        return;
      }
      const { config, registry } = boot.atoll;
      await dispatchQueueBatch(batch, { registry, config, logger: createLogger(config.logLevel, { component: 'queue' }) });
    },

    async scheduled(controller, env) {
      const boot = await bootOnce(env, plugins);
      if (!boot.ok) return;
      const { config, registry } = boot.atoll;
      await runScheduled(controller, { registry, config, logger: createLogger(config.logLevel, { component: 'scheduled' }) });
    },
  } satisfies ExportedHandler<Env>;
}
