import { z } from 'zod';
import type { KernelConfig } from '../worker/config';
import { openDatabase } from '../worker/db/connect';
import type { Logger } from '../worker/logger';
import type { PluginRegistry } from '../worker/plugin/registry';

/** Every queue message is an envelope naming the plugin-registered type that handles it. */
export const QueueEnvelopeSchema = z.object({
  type: z.string().min(1).max(120),
  payload: z.unknown(),
});
export type QueueEnvelope = z.infer<typeof QueueEnvelopeSchema>;

const MAX_RETRY_DELAY_SECONDS = 15 * 60;

export type DispatchOutcome = 'ack' | 'retry';

/** Dead-letter queues are named after their source queue with a `-dlq` suffix. */
export const isDeadLetterQueue = (queue: string) => queue.endsWith('-dlq');

/** Exponential backoff: `base` seconds on the first attempt, doubling, capped at 15 minutes. */
export const retryDelaySeconds = (base: number, attempts: number) => Math.min(MAX_RETRY_DELAY_SECONDS, base * 2 ** Math.max(0, attempts - 1));

/**
 * Routes each message of a batch to the handler registered for its `type`. Malformed messages and
 * unknown types are acknowledged and logged (retrying cannot fix them); a handler that throws is
 * retried with exponential backoff until the queue's max retries send it to the dead-letter queue,
 * whose messages go to the type's `onDeadLetter` instead.
 */
export async function dispatchQueueBatch(batch: MessageBatch<unknown>, deps: { registry: PluginRegistry; config: KernelConfig; logger: Logger }): Promise<Map<string, DispatchOutcome>> {
  const outcomes = new Map<string, DispatchOutcome>();
  const database = openDatabase(deps.config.database, deps.logger);
  try {
    for (const message of batch.messages) {
      const log = deps.logger.child({ queue: batch.queue, messageId: message.id, attempts: message.attempts });
      const envelope = QueueEnvelopeSchema.safeParse(message.body);
      const entry = envelope.success ? deps.registry.queues.get(envelope.data.type) : undefined;
      if (!envelope.success || !entry) {
        log.error('queue message dropped', { reason: envelope.success ? `no handler for type ${envelope.data.type}` : 'not an envelope' });
        message.ack();
        outcomes.set(message.id, 'ack');
        continue;
      }
      const payload = entry.definition.schema.safeParse(envelope.data.payload);
      if (!payload.success) {
        log.error('queue message dropped', { type: envelope.data.type, reason: 'invalid payload', issues: payload.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
        message.ack();
        outcomes.set(message.id, 'ack');
        continue;
      }
      const deadLetter = isDeadLetterQueue(batch.queue);
      const handler = deadLetter ? entry.definition.onDeadLetter : entry.definition.handler;
      if (!handler) {
        log.error('dead-lettered message dropped', { type: envelope.data.type, reason: 'the type has no dead-letter handler' });
        message.ack();
        outcomes.set(message.id, 'ack');
        continue;
      }
      try {
        await handler(payload.data, {
          plugin: entry.context,
          db: database.db,
          logger: log.child({ type: envelope.data.type }),
          messageId: message.id,
          attempts: message.attempts,
        });
        message.ack();
        outcomes.set(message.id, 'ack');
      } catch (error) {
        const delaySeconds = retryDelaySeconds(entry.definition.retryDelaySeconds ?? 5, message.attempts);
        log.warn(deadLetter ? 'dead-letter handler failed; retrying' : 'queue handler failed; retrying', { type: envelope.data.type, error, delaySeconds });
        message.retry({ delaySeconds });
        outcomes.set(message.id, 'retry');
      }
    }
  } finally {
    await database.close();
  }
  return outcomes;
}
