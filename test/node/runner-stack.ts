// Helpers for tests and benchmarks that drive the job runner against the real stack (started with
// scripts/lib/worker-stack.ts): API calls, a ready dataset, a runner key and a runner process.
// Not a test file itself (used by test/node/runner-e2e.test.ts and bench/jobs.ts).
import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

export interface Caller {
  token?: string;
  tenant?: string;
}

/** JSON call to the API; throws with the response body unless the status is the expected one. */
export async function api<T = any>(base: string, method: string, path: string, who: Caller, options: { body?: unknown; status?: number; headers?: Record<string, string> } = {}): Promise<T> {
  const res = await fetch(base + path, {
    method,
    headers: {
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(who.token ? { authorization: `Bearer ${who.token}` } : {}),
      ...(who.tenant ? { 'x-tenant-id': who.tenant } : {}),
      ...options.headers,
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await res.text();
  const expected = options.status ?? (res.status < 300 ? res.status : 200);
  if (res.status !== expected) throw new Error(`${method} ${path} -> ${res.status} (expected ${expected}): ${text.slice(0, 1000)}`);
  return (text ? JSON.parse(text) : null) as T;
}

/** A new user (registered and logged in) who owns a new tenant. */
export async function ownerWithTenant(base: string, label: string): Promise<{ token: string; tenant: string }> {
  const unique = `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const email = `${unique}@example.com`;
  const password = 'a long enough test passphrase';
  await api(base, 'POST', '/api/v1/auth/register', {}, { body: { email, password, name: label } });
  const { accessToken: token } = await api(base, 'POST', '/api/v1/auth/login', {}, { body: { email, password } });
  const tenant = (await api(base, 'POST', '/api/v1/tenants', { token }, { body: { name: label, slug: unique } })).id as string;
  return { token, tenant };
}

/** An API key of `tenant` with the `jobs:work` scope (what a runner authenticates with). */
export async function runnerKey(base: string, owner: { token: string; tenant: string }): Promise<string> {
  const key = await api(base, 'POST', `/api/v1/tenants/${owner.tenant}/api-keys`, owner, { body: { name: 'runner', scopes: ['jobs:work'] }, status: 201 });
  return key.secret as string;
}

/** Uploads `csv` as a table dataset, ingests it and waits until it is ready. */
export async function readyTableDataset(base: string, who: Caller, name: string, csv: string): Promise<{ id: string; name: string }> {
  const size = new TextEncoder().encode(csv).length;
  const created = await api(base, 'POST', '/api/v1/datasets', who, { body: { name, kind: 'table', format: 'csv', size }, status: 201 });
  const put = await fetch(created.upload.url, { method: 'PUT', headers: created.upload.headers, body: csv });
  if (put.status !== 200) throw new Error(`upload failed ${put.status}: ${await put.text()}`);
  const id = created.dataset.id as string;
  await api(base, 'POST', `/api/v1/datasets/${id}/ingest`, who, { status: 202 });
  for (const until = Date.now() + 60_000; ; ) {
    const dataset = await api(base, 'GET', `/api/v1/datasets/${id}`, who);
    if (dataset.status === 'ready') return { id, name };
    if (dataset.status === 'error') throw new Error(`ingestion failed: ${JSON.stringify(dataset)}`);
    if (Date.now() > until) throw new Error(`dataset still ${dataset.status} after 60 s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Polls a job until it reaches a final status (or `statuses`). */
export async function waitForJob(base: string, who: Caller, id: string, statuses = ['SUCCEEDED', 'FAILED', 'CANCELLED', 'TIMED_OUT'], timeoutMs = 60_000) {
  for (const until = Date.now() + timeoutMs; ; ) {
    const job = await api(base, 'GET', `/api/v1/jobs/${id}`, who);
    if (statuses.includes(job.status)) return job;
    if (Date.now() > until) throw new Error(`job still ${job.status} after ${timeoutMs} ms: ${JSON.stringify(job)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface RunnerProcess {
  child: ChildProcess;
  /** Everything it printed so far (JSON lines). */
  output(): string;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
}

/** Starts `runner/main.ts` as a real child process (node --import tsx) with the given environment. */
export function spawnRunner(env: Record<string, string>): RunnerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'runner/main.ts')], { cwd: root, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}
