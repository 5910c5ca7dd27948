import { type Database, runInTenant } from 'atoll/plugin';
import { sql } from 'drizzle-orm';
import { unknownTypes } from '../errors';
import { runAllTenants } from './all-tenants';
import type { JobsServiceContext } from './context';
import { actorString, publishTransitions, recordTransitions, type Transition } from './transitions';
import type { Runner } from './worker-context';

/** A job handed to a runner, with the assignment it reports against. */
export interface ClaimedJob {
  assignmentId: string;
  jobId: string;
  tenantId: string;
  type: string;
  input: unknown;
  attempt: number;
  maxAttempts: number;
  leaseSeconds: number;
  leaseExpiresAt: string;
}

interface ClaimRow extends Record<string, unknown> {
  id: string;
  tenant_id: string;
  type: string;
  input: unknown;
  attempts: number;
  max_attempts: number;
  lease_seconds: number;
  assignment_id: string;
  lease_expires_at: Date | string;
}

/** 400 naming the types no installed plugin defines. */
export function assertKnownTypes(ctx: Pick<JobsServiceContext, 'jobTypes'>, types: string[]): void {
  const unknown = [...new Set(types)].filter((t) => !ctx.jobTypes.get(t));
  if (unknown.length > 0) throw unknownTypes(unknown);
}

/**
 * Claims up to `max` pending jobs of the given types, oldest first, in one statement: the rows are
 * picked `FOR UPDATE SKIP LOCKED`, so concurrent claims never get the same job and never wait on
 * each other. Each claim starts a lease of the job's `lease_seconds` under a fresh assignment id.
 * An ordinary key claims its own tenant's jobs; a platform runner key claims any tenant's.
 */
export async function claimJobs({ ctx, input }: { ctx: JobsServiceContext; input: { runner: Runner; types: string[]; max: number } }): Promise<ClaimedJob[]> {
  assertKnownTypes(ctx, input.types);
  const { runner } = input;
  const claim = async (tx: Database) => {
    const tenantFilter = runner.platform ? sql`` : sql`and tenant_id = ${runner.tenantId}::uuid`;
    const types = sql.join(
      [...new Set(input.types)].map((t) => sql`${t}`),
      sql`, `,
    );
    const result = await tx.execute<ClaimRow>(sql`
      with picked as (
        select id from jobs
        where status = 'PENDING' and type in (${types}) and available_at <= now() ${tenantFilter}
        order by created_at, id
        for update skip locked
        limit ${input.max}
      )
      update jobs j set
        status = 'RUNNING', attempts = j.attempts + 1, assignment_id = gen_random_uuid(),
        runner_id = ${runner.runnerId ?? null}, runner_key_id = ${runner.keyId},
        lease_expires_at = now() + make_interval(secs => j.lease_seconds),
        started_at = coalesce(j.started_at, now()), updated_at = now()
      from picked where j.id = picked.id and j.status = 'PENDING'
      returning j.id, j.tenant_id, j.type, j.input, j.attempts, j.max_attempts, j.lease_seconds, j.assignment_id, j.lease_expires_at`);
    const transitions: Transition[] = result.rows.map((r) => ({
      jobId: r.id,
      tenantId: r.tenant_id,
      type: r.type,
      from: 'PENDING',
      to: 'RUNNING',
      actor: actorString('api_key', runner.keyId),
      detail: { attempt: r.attempts, ...(runner.runnerId ? { runnerId: runner.runnerId } : {}) },
    }));
    await recordTransitions(tx, transitions);
    return { rows: result.rows, transitions };
  };
  const { rows, transitions } = runner.platform ? await runAllTenants(ctx.db, claim) : await runInTenant(ctx.db, runner.tenantId, claim);
  await publishTransitions(ctx.realtime, transitions);
  return rows.map((r) => ({
    assignmentId: r.assignment_id,
    jobId: r.id,
    tenantId: r.tenant_id,
    type: r.type,
    input: r.input,
    attempt: r.attempts,
    maxAttempts: r.max_attempts,
    leaseSeconds: r.lease_seconds,
    leaseExpiresAt: new Date(r.lease_expires_at).toISOString(),
  }));
}
