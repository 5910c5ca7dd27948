import { type AppContext, createRoute, defineRoute, getDb, getDetachedDb, getPrincipal, problemResponses, type RouteDefinition } from 'atoll/plugin';
import type { JobsDeps } from '../deps';
import { assertKnownTypes, claimJobs } from '../services/claim-jobs';
import { heartbeat } from '../services/heartbeat';
import { presignResultUpload } from '../services/presign-result-upload';
import { releaseAssignment } from '../services/release-assignment';
import { serveResource } from '../services/serve-resource';
import { submitResult } from '../services/submit-result';
import { runnerOf } from '../services/worker-context';
import {
  AssignmentParams,
  ClaimBody,
  ClaimedSchema,
  FinishedJobSchema,
  HeartbeatBody,
  HeartbeatSchema,
  json,
  jsonBody,
  presentJob,
  ResourceParams,
  ResultBody,
  UploadBody,
  UploadTargetSchema,
} from './schemas';

// API keys with `jobs:work` only: a user token gets 403 (runners are machines with their own keys).
const WORK = { apiKeysOnly: true, scopes: ['jobs:work'] } as const;
// Not write-rate-limited (`rateLimit: false`): a fleet polls, heartbeats and reports under one
// tenant (often from one NAT address) as fast as it works; leases and RUNNER_POLL_MS bound it.
const RESULT_BODY_BYTES = 1024 * 1024;
const auth = problemResponses(401, 403);
// Runner keys are bearer tokens; a browser session (cookie) is never accepted here.
const security = [{ bearerAuth: [] }];

const claim = createRoute({
  method: 'post',
  path: '/jobs/claim',
  operationId: 'jobs.claimJobs',
  summary: 'Claim pending jobs of the given types with a lease (runners); 204 when there is none',
  security,
  request: jsonBody(ClaimBody),
  responses: { 200: json(ClaimedSchema, 'The claimed jobs'), 204: { description: 'Nothing to do' }, ...auth, ...problemResponses(400) },
});

const beat = createRoute({
  method: 'post',
  path: '/jobs/assignments/{id}/heartbeat',
  operationId: 'jobs.heartbeat',
  security,
  summary: "Extend the assignment's lease; cancelled=true means stop",
  request: { params: AssignmentParams, body: { content: { 'application/json': { schema: HeartbeatBody } }, required: false } },
  responses: { 200: json(HeartbeatSchema, 'The new lease, or the cancellation'), ...auth, ...problemResponses(400, 404, 409) },
});

const release = createRoute({
  method: 'post',
  path: '/jobs/assignments/{id}/release',
  operationId: 'jobs.releaseAssignment',
  security,
  summary: 'Give the job back before the lease ends (runner shutting down); the attempt does not count',
  request: { params: AssignmentParams, body: { content: { 'application/json': { schema: HeartbeatBody } }, required: false } },
  responses: { 204: { description: 'Released: the job is pending again' }, ...auth, ...problemResponses(400, 404, 409) },
});

const result = createRoute({
  method: 'post',
  path: '/jobs/assignments/{id}/result',
  operationId: 'jobs.submitResult',
  security,
  summary: 'Report the result once, while the lease is valid; optionally claim the next jobs in the same request',
  request: { params: AssignmentParams, ...jsonBody(ResultBody) },
  responses: { 200: json(FinishedJobSchema, 'The finished job, and the jobs claimed for `next`'), ...auth, ...problemResponses(400, 404, 409, 413) },
});

const upload = createRoute({
  method: 'post',
  path: '/jobs/assignments/{id}/uploads',
  operationId: 'jobs.createResultUpload',
  security,
  'x-atoll-no-location': 'A presigned PUT target for a result file, not a resource of this API: the file is listed by GET /api/v1/jobs/{id}/results once uploaded',
  summary: "A presigned PUT for one result file under the job's results prefix",
  request: { params: AssignmentParams, ...jsonBody(UploadBody) },
  responses: { 201: json(UploadTargetSchema, 'Where to PUT the file'), ...auth, ...problemResponses(400, 404, 409, 413) },
});

const resource = createRoute({
  method: 'get',
  path: '/jobs/assignments/{id}/resources/{name}',
  operationId: 'jobs.readResource',
  security,
  // Documented only: the handler reads it as is (runners name themselves here, GET has no body).
  parameters: [{ name: 'runnerId', in: 'query', required: false, description: 'The runner reading it (as in its claim)', schema: { type: 'string', maxLength: 200 } }],
  summary: "Stream a resource the job type declares (e.g. a dataset's rows) to the assignment's runner",
  request: { params: ResourceParams },
  responses: { 200: { description: 'The resource (content type set by the job type)' }, ...auth, ...problemResponses(400, 404, 409) },
});

const runner = (c: AppContext, deps: JobsDeps, runnerId?: string) => {
  const principal = getPrincipal(c);
  if (principal?.kind !== 'api_key') throw new Error('worker routes are for API keys only');
  return runnerOf(principal, deps.config, runnerId);
};

// Heartbeat and release take an optional body: `{ runnerId }` when the runner names itself.
const optionalRunnerId = async (c: AppContext) => {
  const parsed = HeartbeatBody.safeParse(await c.req.json().catch(() => ({})));
  return parsed.success ? parsed.data.runnerId : undefined;
};

/** The worker API for runners. */
export const workerRoutes = (deps: JobsDeps): RouteDefinition[] => [
  defineRoute(
    claim,
    async (c) => {
      const body = c.req.valid('json');
      const jobs = await claimJobs({ ctx: { ...deps, db: getDb(c) }, input: { runner: runner(c, deps, body.runnerId), types: body.types, max: body.max } });
      return jobs.length === 0 ? c.body(null, 204) : c.json({ jobs }, 200);
    },
    { access: WORK, rateLimit: false },
  ),
  defineRoute(
    beat,
    async (c) => {
      const answer = await heartbeat({ ctx: { db: getDb(c) }, input: { assignmentId: c.req.valid('param').id, runner: runner(c, deps, await optionalRunnerId(c)) } });
      return c.json({ cancelled: answer.cancelled, leaseExpiresAt: answer.leaseExpiresAt?.toISOString() ?? null }, 200);
    },
    { access: WORK, rateLimit: false },
  ),
  defineRoute(
    release,
    async (c) => {
      await releaseAssignment({ ctx: { ...deps, db: getDb(c) }, input: { assignmentId: c.req.valid('param').id, runner: runner(c, deps, await optionalRunnerId(c)) } });
      return c.body(null, 204);
    },
    { access: WORK, rateLimit: false },
  ),
  defineRoute(
    result,
    async (c) => {
      const { runnerId, next, ...body } = c.req.valid('json');
      const ctx = { ...deps, db: getDb(c) };
      const who = runner(c, deps, runnerId);
      // Checked first: a bad `next` is a 400 with the result not stored, like any other bad body.
      if (next) assertKnownTypes(ctx, next.types);
      const job = await submitResult({ ctx, input: { assignmentId: c.req.valid('param').id, runner: who, ...body } });
      // One request, one transaction: the result and the claim are stored together or not at all
      // (a runner whose report failed reports again). Saves the runner a claim per job.
      if (!next) return c.json(presentJob(job), 200);
      const claimed = await claimJobs({ ctx, input: { runner: who, types: next.types, max: next.max } });
      return c.json({ ...presentJob(job), next: claimed }, 200);
    },
    { access: WORK, rateLimit: false, bodyLimitBytes: RESULT_BODY_BYTES },
  ),
  defineRoute(
    upload,
    async (c) => {
      const { runnerId, ...body } = c.req.valid('json');
      const target = await presignResultUpload({ ctx: { ...deps, db: getDb(c) }, input: { assignmentId: c.req.valid('param').id, runner: runner(c, deps, runnerId), ...body } });
      return c.json({ name: target.name, key: target.key, method: 'PUT' as const, url: target.url, headers: target.headers, expiresAt: target.expiresAt }, 201);
    },
    { access: WORK, rateLimit: false },
  ),
  defineRoute(
    resource,
    async (c) => {
      const { id, name } = c.req.valid('param');
      // A resource may stream after the handler returns (a dataset export): off the request's transaction.
      return serveResource({ ctx: { ...deps, db: getDetachedDb(c) }, input: { assignmentId: id, runner: runner(c, deps, c.req.query('runnerId')), name } });
    },
    { access: WORK, rateLimit: false },
  ),
];
