import { currentUnitOfWork } from '../worker/db/unit-of-work';
import { AtollError } from '../worker/errors';
import type { QueueEnvelope } from './dispatch';

/**
 * Sends plugin messages to the task queue; the consumer routes each by its `type`.
 *
 * @example
 * const queue: QueueProducer = ctx.service(coreServices.queue);
 * await queue.send('datasets.ingest', { datasetId, runId }, { delaySeconds: 5 });
 */
export interface QueueProducer {
  /**
   * Enqueues one message. The type must be registered by an installed plugin (`queues` in its
   * manifest); the payload is checked against that type's schema before it leaves.
   *
   * @example
   * await ctx.service(coreServices.queue).send('datasets.ingest', { datasetId, runId });
   */
  send(type: string, payload: unknown, options?: { delaySeconds?: number }): Promise<void>;
}

interface RegisteredTypes {
  get(type: string): { definition: { schema: { safeParse(v: unknown): { success: boolean } } } } | undefined;
}

/** The producer over the `QUEUE` binding; without the binding every send is a 503 (unavailable). */
export function createQueueProducer(queue: Queue | undefined, types: () => RegisteredTypes): QueueProducer {
  return {
    async send(type, payload, options) {
      const entry = types().get(type);
      if (!entry) throw new AtollError('internal', 'KERNEL_QUEUE_UNKNOWN_TYPE', `No plugin handles queue messages of type ${type}`);
      if (!entry.definition.schema.safeParse(payload).success) {
        throw new AtollError('internal', 'KERNEL_QUEUE_INVALID_PAYLOAD', `The payload does not match the schema of ${type}`);
      }
      if (!queue) throw new AtollError('unavailable', 'KERNEL_QUEUE_UNAVAILABLE', 'The task queue is not configured');
      const envelope: QueueEnvelope = { type, payload };
      // The consumer reads what the request wrote: commit it before the message can arrive.
      await currentUnitOfWork()?.commit();
      await queue.send(envelope, options?.delaySeconds ? { delaySeconds: options.delaySeconds } : undefined);
    },
  };
}
