import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';

/** A job as the claim endpoint hands it to a runner. */
export interface ClaimedJob {
  assignmentId: string;
  jobId: string;
  tenantId: string;
  type: string;
  input: unknown;
  /** 1 for the first try. */
  attempt: number;
  maxAttempts: number;
  leaseSeconds: number;
  leaseExpiresAt: string;
}

export interface JobOutcome {
  status: 'SUCCEEDED' | 'FAILED';
  result?: unknown;
  error?: string;
}

/** What the runner needs of the Worker (JobsClient over HTTP; tests pass an in-memory one). */
export interface JobsApi {
  claim(types: string[], max: number): Promise<ClaimedJob[]>;
  heartbeat(assignmentId: string): Promise<{ cancelled: boolean }>;
  /** Gives the job back at once (PENDING again; the attempt does not count). */
  release(assignmentId: string): Promise<void>;
  report(assignmentId: string, outcome: JobOutcome): Promise<void>;
  resource(assignmentId: string, name: string, signal?: AbortSignal): Promise<Response>;
  upload(assignmentId: string, name: string, path: string, contentType: string, signal?: AbortSignal): Promise<{ name: string; size: number; contentType: string }>;
}

/** The Worker said no: `status` and its problem+json `code` when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

const REQUEST_TIMEOUT_MS = 30_000;

/**
 * The Worker's runner API (`/api/v1/jobs/...`), authenticated with an API key that has the
 * `jobs:work` scope. Every call sends the runner id, so the Worker can check the assignment is ours.
 *
 * @example
 * const client = new JobsClient({ url, apiKey, runnerId });
 * const jobs = await client.claim(['datasets.export'], 2);
 */
export class JobsClient implements JobsApi {
  constructor(private readonly options: { url: string; apiKey: string; runnerId: string }) {}

  /** `stream`: the caller reads a long body, so no overall timeout (it would cut the body short); `signal` still applies. */
  private async send(method: string, path: string, body?: unknown, signal?: AbortSignal, stream = false): Promise<Response> {
    const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
    const res = await fetch(`${this.options.url}/api/v1/jobs${path}`, {
      method,
      headers: { authorization: `Bearer ${this.options.apiKey}`, 'x-runner-id': this.options.runnerId, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      ...(stream ? (signal ? { signal } : {}) : { signal: signal ? AbortSignal.any([signal, timeout]) : timeout }),
    });
    if (res.status >= 400) throw await apiError(res, `${method} /api/v1/jobs${path}`);
    return res;
  }

  /** Claims up to `max` pending jobs of `types`; [] when there are none (204). */
  async claim(types: string[], max: number): Promise<ClaimedJob[]> {
    const res = await this.send('POST', '/claim', { types, runnerId: this.options.runnerId, max });
    if (res.status === 204) return [];
    const body = (await res.json()) as { jobs: ClaimedJob[] };
    return body.jobs;
  }

  /** Extends the lease; says whether the job was cancelled meanwhile. Throws ApiError 409/410 when the lease is lost. */
  async heartbeat(assignmentId: string): Promise<{ cancelled: boolean }> {
    const res = await this.send('POST', `/assignments/${assignmentId}/heartbeat`, { runnerId: this.options.runnerId });
    return (await res.json()) as { cancelled: boolean };
  }

  async release(assignmentId: string): Promise<void> {
    const res = await this.send('POST', `/assignments/${assignmentId}/release`, { runnerId: this.options.runnerId });
    if (!res.ok) throw await apiError(res, 'release');
  }

  async report(assignmentId: string, outcome: JobOutcome): Promise<void> {
    const res = await this.send('POST', `/assignments/${assignmentId}/result`, { runnerId: this.options.runnerId, ...outcome });
    await res.body?.cancel();
  }

  /** Streams one of the job type's resources (e.g. `rows.csv`); the caller reads or cancels the body. */
  async resource(assignmentId: string, name: string, signal?: AbortSignal): Promise<Response> {
    const query = new URLSearchParams({ runnerId: this.options.runnerId });
    return this.send('GET', `/assignments/${assignmentId}/resources/${encodeURIComponent(name)}?${query}`, undefined, signal, true);
  }

  /**
   * Uploads a local file as the result object `name`: asks the Worker for a presigned PUT, then
   * streams the file to S3 (never held in memory). Returns what the result lists.
   */
  async upload(assignmentId: string, name: string, path: string, contentType: string, signal?: AbortSignal): Promise<{ name: string; size: number; contentType: string }> {
    const { size } = await stat(path);
    const res = await this.send('POST', `/assignments/${assignmentId}/uploads`, { runnerId: this.options.runnerId, name, size, contentType }, signal);
    const target = (await res.json()) as { url: string; method?: string; headers?: Record<string, string> };
    const put = await fetch(target.url, {
      method: target.method ?? 'PUT',
      headers: { 'content-type': contentType, ...target.headers, 'content-length': String(size) },
      body: Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>,
      duplex: 'half',
      ...(signal ? { signal } : {}),
    } as RequestInit);
    if (!put.ok) throw new Error(`upload of ${name} failed: ${put.status} ${(await put.text()).slice(0, 300)}`);
    await put.body?.cancel();
    return { name, size, contentType };
  }
}

async function apiError(res: Response, what: string): Promise<ApiError> {
  const text = await res.text().catch(() => '');
  let code: string | undefined;
  let detail = text.slice(0, 300);
  try {
    const problem = JSON.parse(text) as { code?: string; detail?: string };
    code = problem.code;
    detail = problem.detail ?? detail;
  } catch {
    // not problem+json: keep the text
  }
  return new ApiError(res.status, code, `${what} -> ${res.status}${code ? ` ${code}` : ''}: ${detail}`);
}
