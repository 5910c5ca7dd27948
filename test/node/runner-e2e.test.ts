// End to end: the real Worker (wrangler dev, own Postgres, the suite's s3rver) and a REAL runner
// process (runner/main.ts under tsx) claiming jobs with a `jobs:work` API key of the tenant through
// its client typed from the OpenAPI document (openapi-fetch over runner/atoll-api.ts); the test
// queues jobs and reads their results with the same generated types.
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { parquetReadObjects } from 'hyparquet';
import createClient from 'openapi-fetch';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { paths } from '../../runner/atoll-api';
import { LOCAL_S3_CREDENTIALS } from '../../scripts/lib/local-s3-vars';
import { startWorkerStack, type WorkerStack } from '../../scripts/lib/worker-stack';
import type {} from '../global-setup'; // the `inject` keys (ProvidedContext)
import { api, ownerWithTenant, type RunnerProcess, readyTableDataset, runnerKey, spawnRunner, waitForJob } from './runner-stack';

// Text with a formula-like cell, an integer column with a negative, empty cells in every typed column.
const CSV = `${['region,amount,price,paid,at', 'north,10,1.5,true,2024-01-01T00:00:00Z', 'south,-3,2.5,false,2024-01-02T12:00:00Z', 'north,7,,true,2024-01-03T00:00:00Z', '=east,,4,,'].join('\n')}\n`;

let stack: WorkerStack;
let owner: { token: string; tenant: string };
let key: string;
let dataset: { id: string; name: string };
let runner: RunnerProcess;
const s3 = new S3Client({ endpoint: inject('s3Endpoint'), region: 'us-east-1', forcePathStyle: true, credentials: LOCAL_S3_CREDENTIALS });

/** The owner's typed client of the API, in the owner's tenant. */
const asOwner = () => createClient<paths>({ baseUrl: stack.baseUrl, headers: { authorization: `Bearer ${owner.token}`, 'x-tenant-id': owner.tenant } });
const createJob = async (type: string, input: unknown) => {
  const { data, error, response } = await asOwner().POST('/api/v1/jobs', { body: { type, input } });
  expect(response.status, JSON.stringify(error)).toBe(201);
  expect(response.headers.get('location')).toBe(`/api/v1/jobs/${data!.id}`);
  return data!;
};
const download = async (url: string) => {
  const res = await fetch(url);
  expect(res.status, await res.clone().text()).toBe(200);
  return res;
};
const resultsOf = async (jobId: string) => {
  const { data, error, response } = await asOwner().GET('/api/v1/jobs/{id}/results', { params: { path: { id: jobId } } });
  expect(response.status, JSON.stringify(error)).toBe(200);
  return data!.items;
};
const runnerEnv = (extra: Record<string, string> = {}) => ({ ATOLL_URL: stack.baseUrl, ATOLL_API_KEY: key, RUNNER_POLL_MS: '200', RUNNER_CONCURRENCY: '2', ...extra });

beforeAll(async () => {
  stack = await startWorkerStack({
    s3Endpoint: inject('s3Endpoint'),
    s3Bucket: inject('s3Bucket'),
    vars: { AUTH_JWT_PRIVATE_KEY: inject('authJwtPrivateKey'), AUTH_JWT_PUBLIC_KEYS: inject('authJwtPublicKeys') },
  });
  owner = await ownerWithTenant(stack.baseUrl, 'runner-e2e');
  key = await runnerKey(stack.baseUrl, owner);
  dataset = await readyTableDataset(stack.baseUrl, owner, `sales_${Date.now().toString(36)}`, CSV);
  runner = spawnRunner(runnerEnv({ RUNNER_ID: 'e2e-runner' }));
}, 240_000);

afterAll(async () => {
  if (runner && runner.child.exitCode === null) {
    runner.child.kill('SIGKILL');
    await runner.exited;
  }
  await stack?.stop();
});

describe('a real runner process', () => {
  it('exports a dataset to CSV: the file is in S3 and the results URL downloads the export', async () => {
    const job = await createJob('datasets.export', { datasetId: dataset.id, format: 'csv' });
    const done = await waitForJob(stack.baseUrl, owner, job.id);
    expect(done.status, `${JSON.stringify(done)}\n${runner.output()}`).toBe('SUCCEEDED');
    const name = `${dataset.name}.csv`;
    const expected = await (await fetch(`${stack.baseUrl}/api/v1/datasets/${dataset.id}/export`, { headers: { authorization: `Bearer ${owner.token}`, 'x-tenant-id': owner.tenant } })).text();
    expect(expected).toContain("'=east"); // the download's formula-safe text, kept by the export job
    const size = new TextEncoder().encode(expected).length;
    expect(done.result).toEqual({ files: [{ name, size, contentType: 'text/csv; charset=utf-8' }], rowCount: 4 });
    expect(done.events.map((e: { to: string }) => e.to)).toEqual(['PENDING', 'RUNNING', 'SUCCEEDED']);

    const listed = await s3.send(new ListObjectsV2Command({ Bucket: inject('s3Bucket'), Prefix: `tenants/${owner.tenant}/jobs/${job.id}/results/` }));
    expect(listed.Contents?.map((o) => [o.Key, o.Size])).toEqual([[`tenants/${owner.tenant}/jobs/${job.id}/results/${name}`, size]]);

    const [file] = await resultsOf(job.id);
    expect(file).toMatchObject({ name, size });
    expect(await (await download(file!.url)).text()).toBe(expected);
  });

  it('exports a dataset to Parquet with typed columns and exact text values', async () => {
    const job = await createJob('datasets.export', { datasetId: dataset.id, format: 'parquet' });
    const done = await waitForJob(stack.baseUrl, owner, job.id);
    expect(done.status, `${JSON.stringify(done)}\n${runner.output()}`).toBe('SUCCEEDED');
    expect(done.result).toMatchObject({ rowCount: 4, files: [{ name: `${dataset.name}.parquet`, contentType: 'application/vnd.apache.parquet' }] });
    const [file] = await resultsOf(job.id);
    const rows = await parquetReadObjects({ file: await (await download(file!.url)).arrayBuffer() });
    expect(rows).toEqual([
      { region: 'north', amount: 10n, price: 1.5, paid: true, at: new Date('2024-01-01T00:00:00Z') },
      { region: 'south', amount: -3n, price: 2.5, paid: false, at: new Date('2024-01-02T12:00:00Z') },
      { region: 'north', amount: 7n, price: null, paid: true, at: new Date('2024-01-03T00:00:00Z') },
      { region: '=east', amount: null, price: 4, paid: null, at: null },
    ]);
  });

  it('profiles a dataset: statistics over every row, also stored as profile.json', async () => {
    const job = await createJob('datasets.profile', { datasetId: dataset.id });
    const done = await waitForJob(stack.baseUrl, owner, job.id);
    expect(done.status, `${JSON.stringify(done)}\n${runner.output()}`).toBe('SUCCEEDED');
    const { rowCount, columns } = done.result;
    expect(rowCount).toBe(4);
    const [region, amount, price, paid, at] = columns;
    expect(region).toMatchObject({ name: 'region', type: 'text', count: 4, nulls: 0, distinct: 3, min: null, max: null, mean: null, stddev: null });
    expect(region.topValues).toEqual([
      { value: 'north', count: 2 },
      { value: '=east', count: 1 },
      { value: 'south', count: 1 },
    ]);
    // amount: 10, -3, 7 → mean 14/3; squared deviations 256/9 + 529/9 + 49/9 = 834/9, over n-1 = 2 → 139/3.
    expect(amount).toMatchObject({ type: 'integer', count: 3, nulls: 1, distinct: 3, min: -3, max: 10, distinctApproximate: false });
    expect(amount.mean).toBeCloseTo(14 / 3, 10);
    expect(amount.stddev).toBeCloseTo(Math.sqrt(139 / 3), 10);
    // price: 1.5, 2.5, 4 → mean 8/3; squared deviations 49/36 + 1/36 + 64/36 = 114/36, over 2 → 19/12.
    expect(price).toMatchObject({ type: 'number', count: 3, nulls: 1, min: 1.5, max: 4 });
    expect(price.mean).toBeCloseTo(8 / 3, 10);
    expect(price.stddev).toBeCloseTo(Math.sqrt(19 / 12), 10);
    expect(paid).toMatchObject({
      type: 'boolean',
      count: 3,
      nulls: 1,
      distinct: 2,
      topValues: [
        { value: true, count: 2 },
        { value: false, count: 1 },
      ],
    });
    expect(at).toMatchObject({ type: 'timestamp', count: 3, nulls: 1, min: '2024-01-01T00:00:00Z', max: '2024-01-03T00:00:00Z', mean: null });

    const [file] = await resultsOf(job.id);
    expect(file!.name).toBe('profile.json');
    expect(await (await download(file!.url)).json()).toEqual({ dataset: dataset.name, rowCount: 4, columns });
  });

  it('fails a job whose dataset is missing (404) or not ready (409), with the reason', async () => {
    const missing = await createJob('datasets.profile', { datasetId: crypto.randomUUID() });
    const notIngested = await api(stack.baseUrl, 'POST', '/api/v1/datasets', owner, { body: { name: `empty_${Date.now().toString(36)}`, kind: 'table', format: 'csv' }, status: 201 });
    const notReady = await createJob('datasets.export', { datasetId: notIngested.dataset.id, format: 'csv' });
    const [gone, waiting] = [await waitForJob(stack.baseUrl, owner, missing.id), await waitForJob(stack.baseUrl, owner, notReady.id)];
    expect(gone).toMatchObject({ status: 'FAILED', error: expect.stringMatching(/404 DATASETS_NOT_FOUND/) });
    expect(waiting).toMatchObject({ status: 'FAILED', error: expect.stringMatching(/409 DATASETS_NOT_READY/) });
  });

  it('stops on SIGTERM: exits 0 with nothing left running', async () => {
    runner.child.kill('SIGTERM');
    expect(await runner.exited).toBe(0);
    expect(runner.output()).toMatch(/"msg":"runner stopped".*"reason":"signal"/);
    const running = await api(stack.baseUrl, 'GET', '/api/v1/jobs?status=RUNNING', owner);
    expect(running.items).toEqual([]);
  });

  it('exits 1 when the Worker refuses its key', async () => {
    const refused = spawnRunner(runnerEnv({ ATOLL_API_KEY: `atk_${'0'.repeat(32)}_${'a'.repeat(43)}` }));
    expect(await refused.exited).toBe(1);
    expect(refused.output()).toMatch(/"msg":"runner cannot work".*401/);
  });

  it('exits by itself after the idle timeout', async () => {
    const idle = spawnRunner(runnerEnv({ RUNNER_IDLE_EXIT_SECONDS: '1' }));
    expect(await idle.exited).toBe(0);
    expect(idle.output()).toMatch(/"msg":"idle: exiting"/);
  });
});
