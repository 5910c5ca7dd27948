// Test helpers for the datasets plugin (not a test file itself).
import { createMessageBatch } from 'cloudflare:test';
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { dispatchQueueBatch } from '../../queues/dispatch';
import { bootApp } from '../../test/worker/harness';
import { authTestEnv, type SignedUp } from '../../test/worker/identity';
import { team } from '../../test/worker/seed';
import type { AtollApp } from '../../worker/app';
import { openDatabase } from '../../worker/db/connect';
import type { Database } from '../../worker/db/database';
import { runInTenant } from '../../worker/db/tenant-scope';
import { createLogger } from '../../worker/logger';
import { keysUnder, storage } from '../artifacts/testing';
import { authPlugin } from '../auth';
import { tenantsPlugin } from '../tenants';
import { call } from '../tenants/testing';
import { datasetsPlugin } from '.';
import { querySlotKey } from './services/sql/query-slot';

export { call, keysUnder, storage, team };

export const bootDatasets = async (env: Record<string, string> = {}): Promise<AtollApp> => bootApp([authPlugin(), tenantsPlugin(), datasetsPlugin()], { ...(await authTestEnv()), ...env });

export const uniqueName = (label = 'ds') => `${label}_${crypto.randomUUID().replace(/-/g, '').slice(0, 12)}`;

type Who = SignedUp | string | null;

export const newDataset = (atoll: AtollApp, who: Who, tenantId: string, body: Record<string, unknown> = {}) =>
  call(atoll, 'POST', '/api/v1/datasets', who, { tenant: tenantId, body: { name: uniqueName(), kind: 'metric', format: 'csv', ...body }, status: 201 });

/** Creates a dataset with a presigned URL, PUTs `content` to it (real HTTP to s3rver) and returns the dataset. */
export async function datasetWithUpload(atoll: AtollApp, who: Who, tenantId: string, content: string, body: Record<string, unknown> = {}) {
  const size = new TextEncoder().encode(content).length;
  const created = await newDataset(atoll, who, tenantId, { size, ...body });
  const put = await fetch(created.upload.url, { method: 'PUT', headers: created.upload.headers, body: content });
  if (put.status !== 200) throw new Error(`PUT failed ${put.status}: ${await put.text()}`);
  return created.dataset as { id: string; name: string; status: string };
}

/** GETs the dataset until its status is ready or error (the real queue consumer runs in the background). */
export async function waitForIngest(atoll: AtollApp, who: Who, tenantId: string, id: string, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const dataset = await call(atoll, 'GET', `/api/v1/datasets/${id}`, who, { tenant: tenantId, status: 200 });
    if (dataset.status === 'ready' || dataset.status === 'error') return dataset;
    if (Date.now() > until) throw new Error(`dataset still ${dataset.status} after ${timeoutMs} ms: ${JSON.stringify(dataset)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Uploads `content`, calls ingest and waits for the outcome. */
export async function ingested(atoll: AtollApp, who: Who, tenantId: string, content: string, body: Record<string, unknown> = {}) {
  const dataset = await datasetWithUpload(atoll, who, tenantId, content, body);
  await call(atoll, 'POST', `/api/v1/datasets/${dataset.id}/ingest`, who, { tenant: tenantId, status: 202 });
  return waitForIngest(atoll, who, tenantId, dataset.id);
}

/** Runs `fn` with a database of its own (a pool, as cron hooks and consumers get), closed afterwards. */
export async function withDatabase<T>(atoll: AtollApp, fn: (db: Database) => Promise<T>): Promise<T> {
  const handle = openDatabase(atoll.config.database, createLogger('error'));
  try {
    return await fn(handle.db);
  } finally {
    await handle.close();
  }
}

/** Runs `fn` against the test database bound to `tenantId` (row-level security applies). */
export const inTenant = <T>(atoll: AtollApp, tenantId: string, fn: Parameters<typeof runInTenant<T>>[2]): Promise<T> => withDatabase(atoll, (db) => runInTenant(db, tenantId, fn));

/** Holds all `max` read-only SQL query slots of `tenantId`, as `max` running queries would, while `fn` runs. */
export async function withQuerySlotsTaken<T>(atoll: AtollApp, tenantId: string, max: number, fn: () => Promise<T>): Promise<T> {
  const handle = openDatabase(atoll.config.database, createLogger('error'));
  try {
    return await handle.db.transaction(async (tx) => {
      for (let slot = 1; slot <= max; slot++) await tx.execute(sql`select pg_advisory_xact_lock(${querySlotKey(tenantId, slot)})`);
      return fn();
    });
  } finally {
    await handle.close();
  }
}

export const metricRows = (atoll: AtollApp, tenantId: string, datasetId: string) =>
  inTenant(atoll, tenantId, async (tx) => {
    const result = await tx.execute(
      sql`select metric, value, to_char(ts at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as ts from datasets_metric_points where dataset_id = ${datasetId} order by ts, metric, value`,
    );
    return result.rows as { metric: string; value: number; ts: string }[];
  });

export const tableRowsOf = (atoll: AtollApp, tenantId: string, datasetId: string) =>
  inTenant(atoll, tenantId, async (tx) => {
    const result = await tx.execute(sql`select row_number, cells from datasets_table_rows where dataset_id = ${datasetId} order by row_number`);
    return result.rows as { row_number: number; cells: (string | null)[] }[];
  });

/** Delivers `datasets.ingest` messages to the plugin's consumer as the queue would (`queue` ending in -dlq: dead letters). */
export async function deliver(atoll: AtollApp, payloads: unknown[], queue = 'atoll-tasks') {
  const batch = createMessageBatch(
    queue,
    payloads.map((payload, i) => ({ id: `m-${crypto.randomUUID()}-${i}`, timestamp: new Date(), attempts: 1, body: { type: 'datasets.ingest', payload } })),
  );
  const outcomes = await dispatchQueueBatch(batch, { registry: atoll.registry, config: atoll.config, logger: createLogger('error') });
  expect(
    [...outcomes.values()].every((o) => o === 'ack'),
    JSON.stringify([...outcomes]),
  ).toBe(true);
}
