// Test helpers for interrupted and long ingestion runs (not a test file itself).
import { createMessageBatch } from 'cloudflare:test';
import { coreServices, type ObjectBody, type ObjectStorage, type PluginContext } from 'atoll/plugin';
import { sql } from 'drizzle-orm';
import { dispatchQueueBatch } from '../../../../queues/dispatch';
import type { AtollApp } from '../../../../worker/app';
import { createLogger } from '../../../../worker/logger';
import type { PluginRegistry } from '../../../../worker/plugin/registry';
import { runScheduled } from '../../../../worker/scheduled';
import { inTenant, withDatabase } from '../../testing';

export { withDatabase };

import { INGEST_MESSAGE } from '../../queues';
import type { IngestRun } from './ingest-dataset';
import { METRIC_BATCH_ROWS } from './metric-rows';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `count` metric CSV lines (no header), values from `from`: each call with `METRIC_BATCH_ROWS` fills one INSERT. */
export const points = (from: number, count = METRIC_BATCH_ROWS) => Array.from({ length: count }, (_, i) => `cpu,${from + i},${1_704_067_200 + from + i}\n`).join('');

/**
 * A source object whose body the test feeds chunk by chunk: `requested(n)` settles once the
 * consumer has asked for its n-th chunk (so it has handled the ones before), and `fail` errors the
 * body mid-run, as a connection that dies with its Worker does.
 */
export function controlledSource() {
  const actions: ({ text: string } | { error: Error } | { end: true })[] = [];
  let wake: (() => void) | undefined;
  let pulls = 0;
  const waiters: { n: number; resolve: () => void }[] = [];
  const act = (action: (typeof actions)[number]) => {
    actions.push(action);
    wake?.();
  };
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        pulls++;
        for (const w of waiters.filter((w) => w.n <= pulls)) w.resolve();
        while (actions.length === 0) await new Promise<void>((resolve) => (wake = resolve));
        const next = actions.shift()!;
        if ('error' in next) controller.error(next.error);
        else if ('end' in next) controller.close();
        else controller.enqueue(new TextEncoder().encode(next.text));
      },
    },
    { highWaterMark: 0 },
  );
  const object = { key: 'controlled', size: 64 * 1024 ** 2, etag: undefined, lastModified: undefined, body, status: 200, contentRange: undefined, contentLength: 64 * 1024 ** 2 } satisfies ObjectBody;
  return {
    storage: { get: async () => object } as unknown as ObjectStorage,
    send: (text: string) => act({ text }),
    fail: (error: Error) => act({ error }),
    end: () => act({ end: true }),
    requested: (n: number) => new Promise<void>((resolve) => (pulls >= n ? resolve() : waiters.push({ n, resolve }))),
  };
}

/** The app's registry with the `datasets.ingest` consumer reading its source objects from `storage`. */
function withStorage(atoll: AtollApp, storage: ObjectStorage): PluginRegistry {
  const entry = atoll.registry.queues.get(INGEST_MESSAGE)!;
  const real = entry.context;
  const context: PluginContext<unknown> = {
    id: real.id,
    config: real.config,
    logger: real.logger,
    service: (ref) => (ref.id === coreServices.storage.id ? storage : real.service(ref)) as never,
  };
  return { ...atoll.registry, queues: new Map([...atoll.registry.queues, [INGEST_MESSAGE, { ...entry, context }]]) };
}

/** Delivers the run's message to the real consumer (dispatch and all) reading `storage`; settles with the outcomes. */
export async function consume(atoll: AtollApp, storage: ObjectStorage, run: IngestRun) {
  const batch = createMessageBatch('atoll-tasks', [{ id: `m-${crypto.randomUUID()}`, timestamp: new Date(), attempts: 1, body: { type: INGEST_MESSAGE, payload: run } }]);
  const outcomes = await dispatchQueueBatch(batch, { registry: withStorage(atoll, storage), config: atoll.config, logger: createLogger('error') });
  return [...outcomes.values()];
}

/** Starts a run of our own (status `queued`, a new run id) without sending its message: the test delivers it. */
export async function queuedRun(atoll: AtollApp, tenantId: string, datasetId: string): Promise<IngestRun> {
  const runId = crypto.randomUUID();
  await inTenant(atoll, tenantId, (tx) => tx.execute(sql`update datasets set status = 'queued', run_id = ${runId}, updated_at = now() where id = ${datasetId}`));
  return { tenantId, datasetId, runId, requestedAt: new Date().toISOString() };
}

/**
 * A run killed mid-way as a dead Worker leaves it: claimed (`ingesting`), one batch sent to the
 * database, then the source connection dies; its transaction rolls back and its message is lost
 * (the consumer answered "retry" to a queue that will never deliver it again).
 */
export async function killedRun(atoll: AtollApp, tenantId: string, datasetId: string): Promise<IngestRun> {
  const run = await queuedRun(atoll, tenantId, datasetId);
  const source = controlledSource();
  const consumer = consume(atoll, source.storage, run);
  source.send(`metric,value,timestamp\n${points(0)}`);
  await source.requested(2);
  source.fail(new Error('connection reset: the Worker was killed'));
  const outcomes = await consumer;
  if (outcomes.join() !== 'retry') throw new Error(`expected the killed run's message to be retried, got ${outcomes.join()}`);
  return run;
}

/** Moves a run's heartbeat (and, unless `heartbeatOnly`, its queue time) `seconds` into the past, as if that much time had gone by. */
export async function ageRun(atoll: AtollApp, tenantId: string, datasetId: string, seconds: number, { heartbeatOnly = false } = {}) {
  await inTenant(atoll, tenantId, async (tx) => {
    await tx.execute(sql`update datasets_ingest_progress set progressed_at = progressed_at - ${seconds}::int * interval '1 second' where dataset_id = ${datasetId}`);
    if (!heartbeatOnly) await tx.execute(sql`update datasets set updated_at = updated_at - ${seconds}::int * interval '1 second' where id = ${datasetId}`);
  });
}

/** The dataset's progress row: which run last beat, and how many seconds ago. */
export const progressOf = (atoll: AtollApp, tenantId: string, datasetId: string) =>
  inTenant(atoll, tenantId, async (tx) => {
    const result = await tx.execute<{ run_id: string; age: number }>(
      sql`select run_id, extract(epoch from now() - progressed_at)::float8 as age from datasets_ingest_progress where dataset_id = ${datasetId}`,
    );
    return result.rows[0];
  });

/** Runs every plugin's `scheduled` hook once, as a cron trigger does. */
export const runCron = (atoll: AtollApp) => runScheduled({ cron: '* * * * *', scheduledTime: Date.now() }, { registry: atoll.registry, config: atoll.config, logger: createLogger('error') });
