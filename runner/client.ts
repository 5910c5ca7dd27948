import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from './atoll-api';

/** A job as the claim endpoint hands it to a runner. `attempt` is 1 for the first try. */
export type ClaimedJob = components['schemas']['ClaimedJob'];

export type JobOutcome = Pick<components['schemas']['JobResult'], 'status' | 'result' | 'error'>;

/** What the runner needs of the Worker (JobsClient over HTTP; tests pass an in-memory one). */
export interface JobsApi {
  claim(types: string[], max: number): Promise<ClaimedJob[]>;
  heartbeat(assignmentId: string): Promise<{ cancelled: boolean }>;
  /** Gives the job back at once (PENDING again; the attempt does not count). */
  release(assignmentId: string): Promise<void>;
  /** Reports the outcome; with `next`, also claims up to `next.max` jobs in the same request and returns them. */
  report(assignmentId: string, outcome: JobOutcome, next?: { types: string[]; max: number }): Promise<ClaimedJob[]>;
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
 * `jobs:work` scope, through a client typed from the Worker's OpenAPI document (openapi-fetch over
 * the generated atoll-api.ts). Every call sends the runner id, so the Worker can check the
 * assignment is ours.
 *
 * @example
 * const client = new JobsClient({ url, apiKey, runnerId });
 * const jobs = await client.claim(['datasets.export'], 2);
 */
export class JobsClient implements JobsApi {
  private readonly api: Client<paths>;

  constructor(private readonly options: { url: string; apiKey: string; runnerId: string }) {
    this.api = createClient<paths>({ baseUrl: options.url, headers: { authorization: `Bearer ${options.apiKey}`, 'x-runner-id': options.runnerId } });
  }

  /** Claims up to `max` pending jobs of `types`; [] when there are none (204). */
  async claim(types: string[], max: number): Promise<ClaimedJob[]> {
    const answer = await this.api.POST('/api/v1/jobs/claim', { body: { types, runnerId: this.options.runnerId, max }, signal: timeout() });
    return dataOf('POST', answer)?.jobs ?? [];
  }

  /** Extends the lease; says whether the job was cancelled meanwhile. Throws ApiError 409/410 when the lease is lost. */
  async heartbeat(assignmentId: string): Promise<{ cancelled: boolean }> {
    const answer = await this.api.POST('/api/v1/jobs/assignments/{id}/heartbeat', { params: { path: { id: assignmentId } }, body: { runnerId: this.options.runnerId }, signal: timeout() });
    return { cancelled: dataOf('POST', answer)!.cancelled };
  }

  async release(assignmentId: string): Promise<void> {
    dataOf('POST', await this.api.POST('/api/v1/jobs/assignments/{id}/release', { params: { path: { id: assignmentId } }, body: { runnerId: this.options.runnerId }, signal: timeout() }));
  }

  async report(assignmentId: string, outcome: JobOutcome, next?: { types: string[]; max: number }): Promise<ClaimedJob[]> {
    const body = { runnerId: this.options.runnerId, ...outcome, ...(next ? { next } : {}) };
    return dataOf('POST', await this.api.POST('/api/v1/jobs/assignments/{id}/result', { params: { path: { id: assignmentId } }, body, signal: timeout() }))?.next ?? [];
  }

  /** Streams one of the job type's resources (e.g. `rows.csv`); the caller reads or cancels the body. */
  async resource(assignmentId: string, name: string, signal?: AbortSignal): Promise<Response> {
    // No overall timeout: it would cut a long body short. `signal` still applies.
    const answer = await this.api.GET('/api/v1/jobs/assignments/{id}/resources/{name}', {
      params: { path: { id: assignmentId, name }, query: { runnerId: this.options.runnerId } },
      parseAs: 'stream',
      ...(signal ? { signal } : {}),
    });
    dataOf('GET', answer);
    return answer.response;
  }

  /**
   * Uploads a local file as the result object `name`: asks the Worker for a presigned PUT, then
   * streams the file to S3 (never held in memory). Returns what the result lists.
   */
  async upload(assignmentId: string, name: string, path: string, contentType: string, signal?: AbortSignal): Promise<{ name: string; size: number; contentType: string }> {
    const { size } = await stat(path);
    const answer = await this.api.POST('/api/v1/jobs/assignments/{id}/uploads', {
      params: { path: { id: assignmentId } },
      body: { runnerId: this.options.runnerId, name, size, contentType },
      signal: timeout(signal),
    });
    const target = dataOf('POST', answer)!;
    const put = await fetch(target.url, {
      method: target.method,
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

/** The request's own deadline, and the caller's `signal` when there is one. */
const timeout = (signal?: AbortSignal) => (signal ? AbortSignal.any([signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]) : AbortSignal.timeout(REQUEST_TIMEOUT_MS));

/** The data of a successful answer; a refusal (4xx, 5xx) throws ApiError with its problem's code and detail. */
function dataOf<T>(method: string, { data, error, response }: { data?: T; error?: unknown; response: Response }): T | undefined {
  if (response.status < 400) return data;
  // openapi-fetch has read the body: parsed JSON when it was JSON, else its text.
  const problem = typeof error === 'object' && error !== null ? (error as { code?: unknown; detail?: unknown }) : {};
  const text = typeof error === 'string' ? error : error === undefined ? '' : JSON.stringify(error);
  const code = typeof problem.code === 'string' ? problem.code : undefined;
  const detail = typeof problem.detail === 'string' ? problem.detail : text.slice(0, 300);
  const url = new URL(response.url);
  throw new ApiError(response.status, code, `${method} ${url.pathname}${url.search} -> ${response.status}${code ? ` ${code}` : ''}: ${detail}`);
}
