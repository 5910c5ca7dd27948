import type { Database, RealtimePublisher } from 'atoll/plugin';
import { sql } from 'drizzle-orm';
import type { JobStatus } from '../db/schema';
import { runAllTenants } from './all-tenants';
import { publishTransitions, recordTransitions, type Transition } from './transitions';

/** Expired leases handled per sweep; the next trigger takes the rest. */
const SWEEP_BATCH = 1000;

interface SweptRow extends Record<string, unknown> {
  id: string;
  tenant_id: string;
  type: string;
  status: JobStatus;
  attempts: number;
}

/**
 * Re-queues running jobs whose lease expired (attempts left) or times them out (none left), each
 * transition recorded and published. Rows another transaction holds (a result arriving right now)
 * are skipped, so a sweep never waits and never overrides a result that won.
 */
export async function sweepLeases({ ctx }: { ctx: { db: Database; realtime: RealtimePublisher } }): Promise<Transition[]> {
  const transitions = await runAllTenants(ctx.db, async (tx) => {
    const result = await tx.execute<SweptRow>(sql`
      with expired as (
        select id from jobs
        where status = 'RUNNING' and lease_expires_at < now()
        order by lease_expires_at
        for update skip locked
        limit ${SWEEP_BATCH}
      )
      update jobs j set
        status = case when j.attempts < j.max_attempts then 'PENDING' else 'TIMED_OUT' end,
        lease_expires_at = null,
        finished_at = case when j.attempts < j.max_attempts then null else now() end,
        error = case when j.attempts < j.max_attempts then j.error else 'The lease expired with no attempts left' end,
        updated_at = now()
      from expired where j.id = expired.id and j.status = 'RUNNING'
      returning j.id, j.tenant_id, j.type, j.status, j.attempts`);
    const swept: Transition[] = result.rows.map((r) => ({
      jobId: r.id,
      tenantId: r.tenant_id,
      type: r.type,
      from: 'RUNNING',
      to: r.status,
      actor: 'system:lease-sweep',
      detail: { attempts: r.attempts },
    }));
    await recordTransitions(tx, swept);
    return swept;
  });
  await publishTransitions(ctx.realtime, transitions);
  return transitions;
}
