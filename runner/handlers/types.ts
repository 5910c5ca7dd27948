import type { ClaimedJob } from '../client';
import type { Log } from '../log';

export interface ResultFile {
  name: string;
  size: number;
  contentType: string;
}

/** What a handler gets for one claimed job. */
export interface HandlerContext {
  job: ClaimedJob;
  /** Aborted when the job is cancelled, its lease is lost, or the runner stops past its grace period. */
  signal: AbortSignal;
  /** A resource of the job's type (e.g. `rows.csv`), streamed from the Worker. */
  resource(name: string): Promise<Response>;
  /** Uploads a local file as result object `name` (presigned PUT, streamed). */
  upload(name: string, path: string, contentType: string): Promise<ResultFile>;
  /** A private folder for this job's temporary files, removed when the job ends. */
  tempDir: string;
  log: Log;
}

/** Does the work of one job type; resolves with the result (validated by the Worker against the type's schema). */
export type JobHandler = (ctx: HandlerContext) => Promise<unknown>;
