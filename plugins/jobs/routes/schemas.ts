import { z } from 'atoll/plugin';
import { JOB_STATUSES, type JobEventRow, type JobRow } from '../db/schema';
import { RESULT_NAME } from '../services/result-keys';

const isoDate = z.string().openapi({ format: 'date-time' });
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const JobType = z.string().min(1).max(200).openapi({ example: 'datasets.export' });
const RunnerId = z.string().trim().min(1).max(200).openapi({ description: 'The runner process (e.g. its task id), recorded on the job' });

export const JobParams = z.object({ id: z.string().uuid().openapi({ description: 'Job id' }) });
export const AssignmentParams = z.object({ id: z.string().uuid().openapi({ description: 'Assignment id (from the claim)' }) });
export const ResourceParams = AssignmentParams.extend({ name: z.string().min(1).max(100).openapi({ description: 'Resource name declared by the job type' }) });

export const CreateJobBody = z.object({ type: JobType, input: z.unknown().openapi({ description: "Validated against the job type's input schema" }) }).openapi('CreateJob');
export const IdempotencyHeaders = z.object({
  'idempotency-key': z.string().min(1).max(200).optional().openapi({ description: 'Same key and body: the same job; same key, other body: 422' }),
});

export const ListJobsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50).openapi({ description: 'Page size (1-100)' }),
  cursor: z.string().max(500).optional().openapi({ description: 'nextCursor of the previous page' }),
  status: z.enum(JOB_STATUSES).optional(),
  type: JobType.optional(),
});

export const ResultFileParams = JobParams.extend({
  name: z.string().regex(RESULT_NAME, 'A result file name: letters, digits, . _ - (no folders)').openapi({ description: 'Result file name, as listed by GET /jobs/{id}/results' }),
});

export const ResultsQuery = z.object({
  expiresIn: z.coerce.number().int().min(60).max(3600).optional().openapi({ description: 'URL lifetime in seconds (60-3600; default JOBS_RESULT_URL_SECONDS)' }),
});

export const ClaimBody = z.object({ types: z.array(JobType).min(1).max(50), runnerId: RunnerId, max: z.number().int().min(1).max(50).default(1) }).openapi('ClaimJobs');
export const HeartbeatBody = z.object({ runnerId: RunnerId.optional() }).openapi('Heartbeat');
export const ResultBody = z
  .object({
    status: z.enum(['SUCCEEDED', 'FAILED']),
    result: z.unknown().optional().openapi({ description: "Required on success; validated against the type's result schema" }),
    error: z.string().max(10_000).optional().openapi({ description: 'Why it failed' }),
    runnerId: RunnerId.optional(),
    next: z
      .object({ types: z.array(JobType).min(1).max(50), max: z.number().int().min(1).max(50) })
      .optional()
      .openapi({ description: "Claim up to `max` more jobs of these types in the same request, as POST /jobs/claim does (the answer's `next`)" }),
  })
  .openapi('JobResult');
export const UploadBody = z
  .object({
    name: z.string().regex(RESULT_NAME, 'A plain file name: letters, digits, . _ - (at most 200, no leading dot)'),
    size: z.number().int().min(0),
    contentType: z.string().min(1).max(200).optional(),
    runnerId: RunnerId.optional(),
  })
  .openapi('ResultUpload');

export const JobSchema = z
  .object({
    id: z.string().uuid(),
    type: z.string(),
    status: z.enum(JOB_STATUSES),
    input: z.unknown(),
    result: z.unknown(),
    error: z.string().nullable(),
    attempts: z.number().int(),
    maxAttempts: z.number().int(),
    createdBy: z.string(),
    createdByKind: z.enum(['user', 'api_key']),
    cancelRequestedAt: isoDate.nullable(),
    leaseExpiresAt: isoDate.nullable(),
    createdAt: isoDate,
    startedAt: isoDate.nullable(),
    finishedAt: isoDate.nullable(),
    updatedAt: isoDate,
  })
  .openapi('Job');
export const CreatedJobSchema = JobSchema.extend({ cached: z.boolean(), replayed: z.boolean() }).openapi('CreatedJob');
export const JobEventSchema = z.object({ from: z.enum(JOB_STATUSES).nullable(), to: z.enum(JOB_STATUSES), at: isoDate, actor: z.string(), detail: z.unknown() }).openapi('JobEvent');
export const JobDetailSchema = JobSchema.extend({ events: z.array(JobEventSchema) }).openapi('JobDetail');
export const JobPageSchema = z.object({ items: z.array(JobSchema), nextCursor: z.string().nullable() }).openapi('JobPage');
export const ResultFilesSchema = z.object({ items: z.array(z.object({ name: z.string(), size: z.number().int(), url: z.string(), expiresAt: isoDate })) }).openapi('JobResultFiles');
const ClaimedJobSchema = z
  .object({
    assignmentId: z.string().uuid(),
    jobId: z.string().uuid(),
    tenantId: z.string().uuid(),
    type: z.string(),
    input: z.unknown(),
    attempt: z.number().int(),
    maxAttempts: z.number().int(),
    leaseSeconds: z.number().int(),
    leaseExpiresAt: isoDate,
  })
  .openapi('ClaimedJob');
export const ClaimedSchema = z.object({ jobs: z.array(ClaimedJobSchema) }).openapi('ClaimedJobs');
export const FinishedJobSchema = JobSchema.extend({
  next: z.array(ClaimedJobSchema).optional().openapi({ description: 'The jobs claimed for the runner, when the result asked for `next`' }),
}).openapi('FinishedJob');
export const HeartbeatSchema = z.object({ cancelled: z.boolean(), leaseExpiresAt: isoDate.nullable() }).openapi('HeartbeatAnswer');
export const UploadTargetSchema = z
  .object({ name: z.string(), key: z.string(), method: z.literal('PUT'), url: z.string(), headers: z.record(z.string(), z.string()), expiresAt: isoDate })
  .openapi('ResultUploadTarget');

export const presentJob = (j: JobRow) => ({
  id: j.id,
  type: j.type,
  status: j.status,
  input: j.input,
  result: j.result ?? null,
  error: j.error,
  attempts: j.attempts,
  maxAttempts: j.maxAttempts,
  createdBy: j.createdBy,
  createdByKind: j.createdByKind,
  cancelRequestedAt: iso(j.cancelRequestedAt),
  leaseExpiresAt: iso(j.leaseExpiresAt),
  createdAt: iso(j.createdAt)!,
  startedAt: iso(j.startedAt),
  finishedAt: iso(j.finishedAt),
  updatedAt: iso(j.updatedAt)!,
});

export const presentEvent = (e: JobEventRow) => ({ from: e.fromStatus, to: e.toStatus, at: iso(e.at)!, actor: e.actor, detail: e.detail ?? null });

export const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
export const jsonBody = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });
