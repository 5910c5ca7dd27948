import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const JOB_STATUSES = ['PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED', 'TIMED_OUT'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
/** Statuses whose job is reused for an identical request (the cache); the others never are. */
export const CACHEABLE_STATUSES = ['PENDING', 'RUNNING', 'SUCCEEDED'] as const;

/**
 * A tenant's jobs. `input_hash` is the SHA-256 of the canonical input (sorted keys): the partial
 * unique index makes "reuse a pending, running or succeeded identical job" race-free. The runner
 * holding a job is `runner_key_id` (the API key that claimed it) with `assignment_id`, until
 * `lease_expires_at`. Checks, the tenant foreign key and row-level security are in migrations/0001.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    tenantId: uuid('tenant_id').notNull(),
    type: text('type').notNull(),
    input: jsonb('input').notNull(),
    inputHash: text('input_hash').notNull(),
    status: text('status').$type<JobStatus>().notNull().default('PENDING'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull(),
    leaseSeconds: integer('lease_seconds').notNull(),
    taskDefinition: text('task_definition'),
    createdBy: text('created_by').notNull(),
    createdByKind: text('created_by_kind').$type<'user' | 'api_key'>().notNull(),
    result: jsonb('result'),
    error: text('error'),
    cancelRequestedAt: at('cancel_requested_at'),
    assignmentId: uuid('assignment_id'),
    runnerId: text('runner_id'),
    runnerKeyId: text('runner_key_id'),
    leaseExpiresAt: at('lease_expires_at'),
    availableAt: at('available_at').notNull().defaultNow(),
    createdAt: at('created_at').notNull().defaultNow(),
    startedAt: at('started_at'),
    finishedAt: at('finished_at'),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('jobs_cache_unique').on(t.tenantId, t.type, t.inputHash).where(sql`status in ('PENDING', 'RUNNING', 'SUCCEEDED')`),
    uniqueIndex('jobs_assignment_unique').on(t.assignmentId),
    index('jobs_pending_idx').on(t.type, t.createdAt).where(sql`status = 'PENDING'`),
    index('jobs_running_lease_idx').on(t.leaseExpiresAt).where(sql`status = 'RUNNING'`),
    index('jobs_tenant_created_idx').on(t.tenantId, t.createdAt, t.id),
    index('jobs_tenant_creator_created_idx').on(t.tenantId, t.createdBy, t.createdAt, t.id),
  ],
);

/** Every status transition of a job, in order: the job's history and what the realtime hub was told. */
export const jobEvents = pgTable(
  'jobs_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    jobId: uuid('job_id').notNull(),
    tenantId: uuid('tenant_id').notNull(),
    fromStatus: text('from_status').$type<JobStatus>(),
    toStatus: text('to_status').$type<JobStatus>().notNull(),
    at: at('at').notNull().defaultNow(),
    detail: jsonb('detail'),
    /** `user:<id>`, `api_key:<id>` or `system:<what>`. */
    actor: text('actor').notNull(),
  },
  (t) => [index('jobs_events_job_idx').on(t.jobId, t.id)],
);

/**
 * Idempotency keys per tenant and caller: the request's hash and the job it answered with, so a
 * retried request gets the same job even when the cache would no longer give it.
 */
export const jobIdempotencyKeys = pgTable(
  'jobs_idempotency_keys',
  {
    tenantId: uuid('tenant_id').notNull(),
    createdBy: text('created_by').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    jobId: uuid('job_id').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.createdBy, t.key] })],
);

/**
 * Callers who got someone else's job from the cache (`cached: true`): the job is theirs to see too
 * (GET, results, list), so a member is never answered with a job they then cannot open. Only its
 * creator or a tenant admin may cancel it.
 */
export const jobViewers = pgTable(
  'jobs_viewers',
  {
    jobId: uuid('job_id').notNull(),
    tenantId: uuid('tenant_id').notNull(),
    viewerId: text('viewer_id').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.viewerId] }), index('jobs_viewers_viewer_idx').on(t.tenantId, t.viewerId)],
);

/** The ECS dispatcher's memory per task definition (not tenant-owned: app-only, no RLS). */
export const jobDispatchState = pgTable('jobs_dispatch_state', {
  taskDefinition: text('task_definition').primaryKey(),
  lastStartedAt: at('last_started_at'),
  lastTarget: integer('last_target'),
});

export type JobRow = typeof jobs.$inferSelect;
export type JobEventRow = typeof jobEvents.$inferSelect;
