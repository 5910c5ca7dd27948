import { runInTenant } from 'atoll/plugin';
import { sql } from 'drizzle-orm';
import type { JobsServiceContext } from './context';

/** How long a claimable job may wait, with nothing running, before the page says no runner is taking work. */
export const STALLED_AFTER_SECONDS = 120;

/**
 * When the tenant's oldest claimable pending job started waiting, if it has waited longer than
 * `stalledAfterSeconds` while none of the tenant's jobs is running: a runner that polls would have
 * claimed it by then, so none is claiming this tenant's work. One query over the two partial
 * indexes (pending, running), so it stays cheap on a busy tenant.
 */
export async function findStalledQueue({ ctx, input }: { ctx: Pick<JobsServiceContext, 'db'>; input: { tenantId: string; stalledAfterSeconds?: number } }): Promise<{ waitingSince: Date } | null> {
  const seconds = input.stalledAfterSeconds ?? STALLED_AFTER_SECONDS;
  const result = await runInTenant(ctx.db, input.tenantId, (tx) =>
    tx.execute<{ waiting_since: string | Date | null }>(sql`
      select min(available_at) as waiting_since from jobs
      where tenant_id = ${input.tenantId}::uuid and status = 'PENDING' and available_at <= now() - make_interval(secs => ${seconds})
        and not exists (select 1 from jobs r where r.tenant_id = ${input.tenantId}::uuid and r.status = 'RUNNING')`),
  );
  const since = result.rows[0]?.waiting_since;
  return since ? { waitingSince: new Date(since) } : null;
}
