import { sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { METRIC_BATCH_ROWS } from './services/ingest/metric-rows';
import { findStaleRuns, staleRunReason } from './services/ingest/stale-runs';
import { ageRun, consume, controlledSource, killedRun, points, progressOf, queuedRun, runCron, sleep, withDatabase } from './services/ingest/testing';
import { bootDatasets, call, datasetWithUpload, deliver, ingested, inTenant, metricRows, team, waitForIngest } from './testing';

vi.setConfig({ testTimeout: 60_000 });

const atoll = await bootDatasets();
const t = await team(atoll, 'stale');
const tenant = t.tenant.id;
const CSV = 'metric,value,timestamp\ncpu,1,2024-01-01T00:00:00Z\ncpu,2,2024-01-01T00:01:00Z\ncpu,3,2024-01-01T00:02:00Z\n';
/** The default bound (DATASETS_INGEST_STALE_SECONDS). */
const STALE = 300;

const get = (id: string, tenantId = tenant, who = t.member) => call(atoll, 'GET', `/api/v1/datasets/${id}`, who, { tenant: tenantId, status: 200 });
const ingest = (id: string, status: number, code?: string) => call(atoll, 'POST', `/api/v1/datasets/${id}/ingest`, t.member, { tenant, status, ...(code ? { code } : {}) });
const uploadUrl = (id: string, status: number, code?: string) => call(atoll, 'POST', `/api/v1/datasets/${id}/upload-url`, t.member, { tenant, body: { size: 8 }, status, ...(code ? { code } : {}) });

describe('a run whose consumer died', () => {
  it('blocks the dataset until the bound, then the cron sweep fails it and the dataset ingests again', async () => {
    const done = await ingested(atoll, t.member, tenant, CSV);
    const run = await killedRun(atoll, tenant, done.id);
    expect(await get(done.id)).toMatchObject({ status: 'ingesting', runId: run.runId, rowCount: 3 });
    // The dead run's batch rolled back with its transaction; the previous rows are intact.
    expect(await metricRows(atoll, tenant, done.id)).toHaveLength(3);
    await ingest(done.id, 409, 'DATASETS_INGEST_IN_PROGRESS');
    await uploadUrl(done.id, 409, 'DATASETS_INGEST_IN_PROGRESS');
    expect((await runCron(atoll)).get('datasets')).toBe('ok');
    expect((await get(done.id)).status).toBe('ingesting');

    await ageRun(atoll, tenant, done.id, STALE + 1);
    expect((await runCron(atoll)).get('datasets')).toBe('ok');
    expect(await get(done.id)).toMatchObject({ status: 'error', error: staleRunReason(STALE), runId: run.runId, rowCount: 0 });
    expect(await metricRows(atoll, tenant, done.id)).toEqual([]);

    // Its message, should it ever come back, finds the run over.
    await deliver(atoll, [run]);
    expect((await get(done.id)).status).toBe('error');
    await ingest(done.id, 202);
    expect(await waitForIngest(atoll, t.member, tenant, done.id)).toMatchObject({ status: 'ready', rowCount: 3, error: null });
    expect(await metricRows(atoll, tenant, done.id)).toHaveLength(3);
  });

  it('is taken over by ingest without waiting for the sweep, under a new run id', async () => {
    const done = await ingested(atoll, t.member, tenant, CSV);
    const dead = await killedRun(atoll, tenant, done.id);
    await ageRun(atoll, tenant, done.id, STALE + 1);
    const queued = await ingest(done.id, 202);
    expect(queued.status).toBe('queued');
    expect(queued.runId).not.toBe(dead.runId);
    const ready = await waitForIngest(atoll, t.member, tenant, done.id);
    expect(ready).toMatchObject({ status: 'ready', rowCount: 3, runId: queued.runId });

    // The dead run's late message and a late sweep change nothing.
    await deliver(atoll, [dead]);
    await runCron(atoll);
    expect(await get(done.id)).toEqual(ready);
    expect(await metricRows(atoll, tenant, done.id)).toHaveLength(3);
  });

  it('leaves a queued run to ingest or a new upload: its message may only be waiting', async () => {
    const dataset = await datasetWithUpload(atoll, t.member, tenant, CSV);
    const lost = await queuedRun(atoll, tenant, dataset.id);
    await uploadUrl(dataset.id, 409, 'DATASETS_INGEST_IN_PROGRESS');
    await ageRun(atoll, tenant, dataset.id, STALE + 1);
    await runCron(atoll);
    expect(await get(dataset.id)).toMatchObject({ status: 'queued', runId: lost.runId });
    // Asking for a new upload URL ends the stale run first.
    await uploadUrl(dataset.id, 201);
    expect(await get(dataset.id)).toMatchObject({ status: 'error', error: staleRunReason(STALE), runId: lost.runId });
  });

  it("sweeps every tenant's stale runs and leaves everything else alone", async () => {
    const other = await team(atoll, 'stale-b');
    const b = other.tenant.id;
    const readyB = await ingested(atoll, other.member, b, CSV);
    const freshB = await datasetWithUpload(atoll, other.member, b, CSV);
    const freshRun = await killedRun(atoll, b, freshB.id);
    const staleB = await datasetWithUpload(atoll, other.member, b, CSV);
    await killedRun(atoll, b, staleB.id);
    await ageRun(atoll, b, staleB.id, STALE + 1);
    const staleA = await datasetWithUpload(atoll, t.member, tenant, CSV);
    await killedRun(atoll, tenant, staleA.id);
    await ageRun(atoll, tenant, staleA.id, STALE + 1);
    const freshBefore = await get(freshB.id, b, other.member);

    await runCron(atoll);
    expect((await get(staleA.id)).status).toBe('error');
    expect((await get(staleB.id, b, other.member)).status).toBe('error');
    expect(await get(readyB.id, b, other.member)).toEqual(readyB);
    expect(await get(freshB.id, b, other.member)).toEqual(freshBefore);
    expect(freshBefore).toMatchObject({ status: 'ingesting', runId: freshRun.runId });
    // Another tenant's member cannot take a run over, stale or not.
    await call(atoll, 'POST', `/api/v1/datasets/${staleB.id}/ingest`, t.member, { tenant, status: 404, code: 'DATASETS_NOT_FOUND' });
    await call(atoll, 'POST', `/api/v1/datasets/${freshB.id}/ingest`, t.member, { tenant: b, status: 404 });
  });
});

describe('a live run', async () => {
  // A 5 s bound: heartbeats every 1.25 s, so a run of a few seconds outlives the bound.
  const quick = await bootDatasets({ DATASETS_INGEST_STALE_SECONDS: '5' });

  it('beats as its batches are written and is never swept, however long it runs', async () => {
    const dataset = await datasetWithUpload(quick, t.member, tenant, CSV);
    const run = await queuedRun(quick, tenant, dataset.id);
    const source = controlledSource();
    const consumer = consume(quick, source.storage, run);
    source.send(`metric,value,timestamp\n${points(0)}`);
    const chunks = 6;
    for (let i = 1; i < chunks; i++) {
      await source.requested(i + 1);
      await sleep(1_300);
      source.send(points(i * METRIC_BATCH_ROWS));
    }
    await source.requested(chunks + 1);
    // Claimed more than the bound ago, yet its heartbeat is fresh: not a stale run.
    const progress = await progressOf(quick, tenant, dataset.id);
    expect(progress?.run_id).toBe(run.runId);
    expect(progress?.age).toBeLessThan(5);
    const isStale = () => withDatabase(quick, (db) => findStaleRuns(db, 5)).then((runs) => runs.some((r) => r.runId === run.runId));
    expect(await isStale()).toBe(false);
    expect((await runCron(quick)).get('datasets')).toBe('ok');
    expect((await call(quick, 'GET', `/api/v1/datasets/${dataset.id}`, t.member, { tenant, status: 200 })).status).toBe('ingesting');

    // Even with its heartbeat in the past, its open transaction keeps the sweep and ingest away.
    await ageRun(quick, tenant, dataset.id, 60, { heartbeatOnly: true });
    expect(await isStale()).toBe(true);
    await runCron(quick);
    await call(quick, 'POST', `/api/v1/datasets/${dataset.id}/ingest`, t.member, { tenant, status: 409, code: 'DATASETS_INGEST_IN_PROGRESS' });
    await sleep(1_300);
    source.send(points(chunks * METRIC_BATCH_ROWS));
    await source.requested(chunks + 2);
    expect(await isStale()).toBe(false);

    source.end();
    expect(await consumer).toEqual(['ack']);
    const rows = (chunks + 1) * METRIC_BATCH_ROWS;
    expect(await call(quick, 'GET', `/api/v1/datasets/${dataset.id}`, t.member, { tenant, status: 200 })).toMatchObject({ status: 'ready', rowCount: rows, runId: run.runId });
    const [stored] = (await inTenant(quick, tenant, (tx) => tx.execute(sql`select count(*)::int as n, count(distinct value)::int as d from datasets_metric_points where dataset_id = ${dataset.id}`)))
      .rows;
    expect(stored).toEqual({ n: rows, d: rows });
  });
});
