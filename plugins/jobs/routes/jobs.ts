import { type AppContext, apiUrl, createRoute, defineRoute, getDb, getPrincipal, getTenant, problemResponses, type RouteDefinition, z } from 'atoll/plugin';
import type { JobsDeps } from '../deps';
import { cancelJob } from '../services/cancel-job';
import { callerOf } from '../services/context';
import { createJob } from '../services/create-job';
import { getJob } from '../services/find-job';
import { listJobs } from '../services/list-jobs';
import { listResults } from '../services/list-results';
import { presignResult } from '../services/presign-result';
import {
  CreatedJobSchema,
  CreateJobBody,
  IdempotencyHeaders,
  JobDetailSchema,
  JobPageSchema,
  JobParams,
  JobSchema,
  json,
  jsonBody,
  ListJobsQuery,
  presentEvent,
  presentJob,
  ResultFileParams,
  ResultFilesSchema,
  ResultsQuery,
} from './schemas';

const tenantHeader = problemResponses(401, 403, 404);
export const READ = { tenantRole: 'viewer', scopes: ['jobs:read'] } as const;
export const WRITE = { tenantRole: 'member', scopes: ['jobs:write'] } as const;
// Job inputs are small descriptions of work (ids, options), never the data itself.
export const CREATE_BODY_BYTES = 64 * 1024;

const create = createRoute({
  method: 'post',
  path: '/jobs',
  operationId: 'jobs.createJob',
  summary: 'Queue a job (member); 200 with cached=true when an identical job is pending, running or succeeded',
  request: { headers: IdempotencyHeaders, ...jsonBody(CreateJobBody) },
  responses: {
    201: json(CreatedJobSchema, 'The new job'),
    200: json(CreatedJobSchema, 'An identical job reused (cached) or the Idempotency-Key replayed'),
    ...tenantHeader,
    ...problemResponses(400, 413, 422),
  },
});

const list = createRoute({
  method: 'get',
  path: '/jobs',
  operationId: 'jobs.listJobs',
  summary: 'Jobs, newest first: your own, or all of the tenant for admins',
  request: { query: ListJobsQuery },
  responses: { 200: json(JobPageSchema, 'A page of jobs'), ...tenantHeader, ...problemResponses(400) },
});

const get = createRoute({
  method: 'get',
  path: '/jobs/{id}',
  operationId: 'jobs.getJob',
  summary: 'A job with its events (its creator or a tenant admin)',
  request: { params: JobParams },
  responses: { 200: json(JobDetailSchema, 'The job'), ...tenantHeader, ...problemResponses(400) },
});

const cancel = createRoute({
  method: 'post',
  path: '/jobs/{id}/cancel',
  operationId: 'jobs.cancelJob',
  summary: 'Cancel a pending or running job (its creator or a tenant admin)',
  request: { params: JobParams },
  responses: { 200: json(JobSchema, 'The cancelled job'), ...tenantHeader, ...problemResponses(400, 409) },
});

const results = createRoute({
  method: 'get',
  path: '/jobs/{id}/results',
  operationId: 'jobs.listResults',
  summary: "Presigned download URLs of the job's result files (its creator or a tenant admin)",
  request: { params: JobParams, query: ResultsQuery },
  responses: { 200: json(ResultFilesSchema, 'The result files'), ...tenantHeader, ...problemResponses(400) },
});

const resultFile = createRoute({
  method: 'get',
  path: '/jobs/{id}/results/{name}',
  operationId: 'jobs.downloadResult',
  summary: 'Redirects to a fresh presigned download URL of one result file: a link to it never expires (its creator or a tenant admin)',
  request: { params: ResultFileParams },
  responses: {
    302: { description: 'To the presigned URL (valid JOBS_RESULT_URL_SECONDS)', headers: z.object({ location: z.string().url().openapi({ description: 'The presigned download URL' }) }) },
    ...tenantHeader,
    ...problemResponses(400),
  },
});

const caller = (c: AppContext) => callerOf(getPrincipal(c), getTenant(c).role);

/** The jobs API for users and their API keys (`jobs:read`, `jobs:write`). */
export const jobRoutes = (deps: JobsDeps): RouteDefinition[] => [
  defineRoute(
    create,
    async (c) => {
      const body = c.req.valid('json');
      const idempotencyKey = c.req.valid('header')['idempotency-key'];
      const input = { tenantId: getTenant(c).id, type: body.type, input: body.input, caller: caller(c), idempotencyKey };
      const out = await createJob({ ctx: { ...deps, db: getDb(c) }, input });
      const created = { ...presentJob(out.job), cached: out.cached, replayed: out.replayed };
      return out.created ? c.json(created, 201, { location: apiUrl(`/jobs/${out.job.id}`) }) : c.json(created, 200);
    },
    { access: WRITE, bodyLimitBytes: CREATE_BODY_BYTES },
  ),
  defineRoute(
    list,
    async (c) => {
      const page = await listJobs({ ctx: { db: getDb(c) }, input: { tenantId: getTenant(c).id, caller: caller(c), ...c.req.valid('query') } });
      return c.json({ items: page.items.map(presentJob), nextCursor: page.nextCursor }, 200);
    },
    { access: READ },
  ),
  defineRoute(
    get,
    async (c) => {
      const { job, events } = await getJob({ ctx: { db: getDb(c) }, input: { tenantId: getTenant(c).id, jobId: c.req.valid('param').id, caller: caller(c) } });
      return c.json({ ...presentJob(job), events: events.map(presentEvent) }, 200);
    },
    { access: READ },
  ),
  defineRoute(
    cancel,
    async (c) => {
      const job = await cancelJob({ ctx: { ...deps, db: getDb(c) }, input: { tenantId: getTenant(c).id, jobId: c.req.valid('param').id, caller: caller(c) } });
      return c.json(presentJob(job), 200);
    },
    { access: WRITE },
  ),
  defineRoute(
    results,
    async (c) => {
      const expiresIn = c.req.valid('query').expiresIn ?? deps.config.resultUrlSeconds;
      const input = { tenantId: getTenant(c).id, jobId: c.req.valid('param').id, caller: caller(c), expiresIn };
      const { items } = await listResults({ ctx: { ...deps, db: getDb(c) }, input });
      return c.json({ items }, 200);
    },
    { access: READ },
  ),
  defineRoute(
    resultFile,
    async (c) => {
      const { id, name } = c.req.valid('param');
      const url = await presignResult({ ctx: { ...deps, db: getDb(c) }, input: { tenantId: getTenant(c).id, jobId: id, caller: caller(c), name, expiresIn: deps.config.resultUrlSeconds } });
      c.header('cache-control', 'no-store');
      return c.redirect(url, 302);
    },
    { access: READ },
  ),
];
