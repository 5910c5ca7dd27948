import { type Database, runInTenant } from 'atoll/plugin';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { CACHEABLE_STATUSES, type JobRow, jobIdempotencyKeys, jobs, jobViewers } from '../db/schema';
import { idempotencyMismatch, invalidInput, isUniqueViolation, scopeMissing, unknownType } from '../errors';
import { hashCanonical, JsonTooDeep } from './canonical';
import type { Caller, JobsServiceContext } from './context';
import { canSee } from './find-job';
import { actorString, publishTransitions, recordTransitions, type Transition } from './transitions';

export interface CreateJobInput {
  tenantId: string;
  type: string;
  input: unknown;
  caller: Caller;
  idempotencyKey?: string | undefined;
}

/** `cached`: an identical job was reused; `replayed`: the Idempotency-Key was seen before. */
export interface CreatedJob {
  job: JobRow;
  created: boolean;
  cached: boolean;
  replayed: boolean;
}

// A concurrent request changed what this one saw (a reused job finished, or the same key won): run again.
class Retry extends Error {}
const ATTEMPTS = 3;

/**
 * Creates a job of a declared type after validating its input, or reuses an identical one (same
 * tenant, type and canonical input) that is pending, running or succeeded. The partial unique
 * index makes that race-free: concurrent identical requests get one job. With an Idempotency-Key,
 * the same key and body always answer with the same job; the same key with another body is 422.
 */
export async function createJob({ ctx, input }: { ctx: JobsServiceContext; input: CreateJobInput }): Promise<CreatedJob> {
  const jobType = ctx.jobTypes.get(input.type);
  if (!jobType) throw unknownType(input.type);
  const missing = input.caller.kind === 'api_key' ? (jobType.definition.scopes ?? []).filter((s) => !input.caller.scopes?.includes(s)) : [];
  if (missing.length > 0) throw scopeMissing(input.type, missing);
  const parsed = jobType.definition.input.safeParse(input.input);
  if (!parsed.success) {
    throw invalidInput(parsed.error.issues.map((i) => ({ location: 'body', path: ['input', ...i.path.map(String)].join('.'), message: i.message })));
  }
  const value = parsed.data ?? null;
  const { inputHash, requestHash } = await hashesOf(input, value);
  for (let attempt = 1; ; attempt++) {
    try {
      const outcome = await runInTenant(ctx.db, input.tenantId, (tx) => createOrReuse(tx, input, { value, inputHash, requestHash, definition: jobType.definition }));
      await publishTransitions(ctx.realtime, outcome.transitions);
      return outcome.result;
    } catch (error) {
      if (attempt < ATTEMPTS && (error instanceof Retry || isUniqueViolation(error))) continue;
      throw error;
    }
  }
}

// The request hash covers the body as sent, keys the type's schema strips included: bound its depth.
async function hashesOf(input: CreateJobInput, value: unknown): Promise<{ inputHash: string; requestHash: string }> {
  try {
    return { inputHash: await hashCanonical(value), requestHash: await hashCanonical({ type: input.type, input: input.input ?? null }) };
  } catch (error) {
    if (error instanceof JsonTooDeep) throw invalidInput([{ location: 'body', path: 'input', message: error.message }]);
    throw error;
  }
}

interface Prepared {
  value: unknown;
  inputHash: string;
  requestHash: string;
  definition: { leaseSeconds: number; maxAttempts: number; taskDefinition?: string | undefined };
}

async function createOrReuse(tx: Database, input: CreateJobInput, prepared: Prepared): Promise<{ result: CreatedJob; transitions: Transition[] }> {
  const key = input.idempotencyKey;
  const keyWhere = key ? and(eq(jobIdempotencyKeys.tenantId, input.tenantId), eq(jobIdempotencyKeys.createdBy, input.caller.id), eq(jobIdempotencyKeys.key, key)) : undefined;
  if (keyWhere) {
    const [seen] = await tx.select().from(jobIdempotencyKeys).where(keyWhere);
    if (seen) {
      if (seen.requestHash !== prepared.requestHash) throw idempotencyMismatch();
      const [job] = await tx.select().from(jobs).where(eq(jobs.id, seen.jobId));
      if (job) return { result: { job, created: false, cached: false, replayed: true }, transitions: [] };
    }
  }
  const [inserted] = await tx
    .insert(jobs)
    .values({
      tenantId: input.tenantId,
      type: input.type,
      input: prepared.value,
      inputHash: prepared.inputHash,
      maxAttempts: prepared.definition.maxAttempts,
      leaseSeconds: prepared.definition.leaseSeconds,
      taskDefinition: prepared.definition.taskDefinition ?? null,
      createdBy: input.caller.id,
      createdByKind: input.caller.kind,
    })
    .onConflictDoNothing({ target: [jobs.tenantId, jobs.type, jobs.inputHash], where: sql`status in ('PENDING', 'RUNNING', 'SUCCEEDED')` })
    .returning();
  const job = inserted ?? (await findReusable(tx, input.tenantId, input.type, prepared.inputHash));
  if (!job) throw new Retry();
  // Someone else's job answered from the cache becomes visible to this caller too (GET, results).
  if (!canSee(job, input.caller)) {
    await tx.insert(jobViewers).values({ jobId: job.id, tenantId: job.tenantId, viewerId: input.caller.id }).onConflictDoNothing();
  }
  if (keyWhere) {
    const [stored] = await tx
      .insert(jobIdempotencyKeys)
      .values({ tenantId: input.tenantId, createdBy: input.caller.id, key: key!, requestHash: prepared.requestHash, jobId: job.id })
      .onConflictDoNothing()
      .returning();
    if (!stored) throw new Retry();
  }
  const transitions: Transition[] = inserted ? [{ jobId: job.id, tenantId: job.tenantId, type: job.type, from: null, to: 'PENDING', actor: actorString(input.caller.kind, input.caller.id) }] : [];
  await recordTransitions(tx, transitions);
  return { result: { job, created: Boolean(inserted), cached: !inserted, replayed: false }, transitions };
}

async function findReusable(tx: Database, tenantId: string, type: string, inputHash: string): Promise<JobRow | undefined> {
  const [job] = await tx
    .select()
    .from(jobs)
    .where(and(eq(jobs.tenantId, tenantId), eq(jobs.type, type), eq(jobs.inputHash, inputHash), inArray(jobs.status, [...CACHEABLE_STATUSES])))
    .limit(1);
  return job;
}
