import { dispatchQueueBatch } from '../queues/dispatch';
import { bootOnce, misconfiguredResponse } from './boot';
import type { Env } from './env';
import { createLogger } from './logger';
import { installedPlugins } from './plugins';
import { runScheduled } from './scheduled';

export { ChatSession } from '../durable-objects/chat-session';
export { RateLimiter } from '../durable-objects/rate-limiter';
export { TenantHub } from '../durable-objects/tenant-hub';

export default {
  async fetch(request, env, ctx) {
    const boot = await bootOnce(env, installedPlugins);
    if (!boot.ok) return misconfiguredResponse(boot.error);
    return boot.atoll.app.fetch(request, env, ctx);
  },

  async queue(batch, env) {
    const boot = await bootOnce(env, installedPlugins);
    if (!boot.ok) {
      batch.retryAll({ delaySeconds: 60 });
      return;
    }
    const { config, registry } = boot.atoll;
    await dispatchQueueBatch(batch, { registry, config, logger: createLogger(config.logLevel, { component: 'queue' }) });
  },

  async scheduled(controller, env) {
    const boot = await bootOnce(env, installedPlugins);
    if (!boot.ok) return;
    const { config, registry } = boot.atoll;
    await runScheduled(controller, { registry, config, logger: createLogger(config.logLevel, { component: 'scheduled' }) });
  },
} satisfies ExportedHandler<Env>;
