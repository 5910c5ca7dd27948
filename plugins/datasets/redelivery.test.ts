import { createMessageBatch } from 'cloudflare:test';
import { sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { dispatchQueueBatch } from '../../queues/dispatch';
import { createLogger } from '../../worker/logger';
import { DEAD_LETTER_REASON } from './queues';
import { bootDatasets, call, datasetWithUpload, deliver, ingested, inTenant, metricRows, team, waitForIngest } from './testing';

vi.setConfig({ testTimeout: 60_000 });

const atoll = await bootDatasets();
const t = await team(atoll, 'redeliver');
const tenant = t.tenant.id;
const CSV = 'metric,value,timestamp\ncpu,1,2024-01-01T00:00:00Z\ncpu,2,2024-01-01T00:01:00Z\ncpu,3,2024-01-01T00:02:00Z\n';

const get = (id: string) => call(atoll, 'GET', `/api/v1/datasets/${id}`, t.member, { tenant, status: 200 });

/** Puts a dataset in `queued` for a run of our own, without sending a message (the test delivers it). */
async function queuedRun(id: string) {
  const runId = crypto.randomUUID();
  await inTenant(atoll, tenant, (tx) => tx.execute(sql`update datasets set status = 'queued', run_id = ${runId} where id = ${id}`));
  return { tenantId: tenant, datasetId: id, runId, requestedAt: new Date().toISOString() };
}

describe('idempotent ingestion', () => {
  it('a second ingest call replaces the rows of the first run instead of adding to them', async () => {
    const first = await ingested(atoll, t.member, tenant, CSV);
    expect(first.rowCount).toBe(3);
    await call(atoll, 'POST', `/api/v1/datasets/${first.id}/ingest`, t.member, { tenant, status: 202 });
    const second = await waitForIngest(atoll, t.member, tenant, first.id);
    expect(second).toMatchObject({ status: 'ready', rowCount: 3 });
    expect(second.runId).not.toBe(first.runId);
    expect(await metricRows(atoll, tenant, first.id)).toHaveLength(3);
  });

  it('a redelivered message of a finished run, or a message of a stale run, changes nothing', async () => {
    const done = await ingested(atoll, t.member, tenant, CSV);
    const message = { tenantId: tenant, datasetId: done.id, runId: done.runId, requestedAt: new Date().toISOString() };
    await deliver(atoll, [message, message]);
    await deliver(atoll, [{ ...message, runId: crypto.randomUUID() }]);
    expect(await get(done.id)).toEqual(done);
    expect(await metricRows(atoll, tenant, done.id)).toHaveLength(3);
  });

  it('two deliveries of the same message at the same time store the rows once', async () => {
    const dataset = await datasetWithUpload(atoll, t.member, tenant, CSV);
    const message = await queuedRun(dataset.id);
    await Promise.all([deliver(atoll, [message]), deliver(atoll, [message])]);
    expect(await get(dataset.id)).toMatchObject({ status: 'ready', rowCount: 3, runId: message.runId });
    expect(await metricRows(atoll, tenant, dataset.id)).toHaveLength(3);
  });
});

describe('retries and the dead-letter queue', () => {
  it('retries when storage is down, then the dead-lettered message marks the dataset error', async () => {
    const dataset = await datasetWithUpload(atoll, t.member, tenant, CSV);
    const message = await queuedRun(dataset.id);
    const broken = await bootDatasets({ S3_ENDPOINT: 'http://127.0.0.1:9' });
    const batch = createMessageBatch('atoll-tasks', [{ id: 'retry-me', timestamp: new Date(), attempts: 1, body: { type: 'datasets.ingest', payload: message } }]);
    const outcomes = await dispatchQueueBatch(batch, { registry: broken.registry, config: broken.config, logger: createLogger('error') });
    expect([...outcomes.values()]).toEqual(['retry']);
    expect((await get(dataset.id)).status).toBe('ingesting');

    await deliver(atoll, [message], 'atoll-tasks-dlq');
    expect(await get(dataset.id)).toMatchObject({ status: 'error', error: DEAD_LETTER_REASON, rowCount: 0 });
    expect(await metricRows(atoll, tenant, dataset.id)).toEqual([]);
  });

  it('a dead letter of a stale run leaves the current run alone', async () => {
    const done = await ingested(atoll, t.member, tenant, CSV);
    await deliver(atoll, [{ tenantId: tenant, datasetId: done.id, runId: crypto.randomUUID(), requestedAt: new Date().toISOString() }], 'atoll-tasks-dlq');
    await deliver(atoll, [{ tenantId: tenant, datasetId: done.id, runId: done.runId, requestedAt: new Date().toISOString() }], 'atoll-tasks-dlq');
    expect(await get(done.id)).toEqual(done);
  });
});
