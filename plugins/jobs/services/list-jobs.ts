import { and, desc, eq, getTableColumns, sql } from 'drizzle-orm';
import { runInTenant } from 'atoll/plugin';
import { jobs, type JobStatus } from '../db/schema';
import type { Caller, JobsServiceContext } from './context';
import { decodeCursor, encodeCursor } from './cursor';

export interface ListJobsInput {
  tenantId: string;
  caller: Caller;
  limit: number;
  cursor?: string | undefined;
  status?: JobStatus | undefined;
  type?: string | undefined;
}

const createdKey = sql<string>`to_char(${jobs.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** A page of jobs, newest first: a tenant admin sees every job, anyone else only their own. */
export async function listJobs({ ctx, input }: { ctx: Pick<JobsServiceContext, 'db'>; input: ListJobsInput }) {
  const after = input.cursor ? decodeCursor(input.cursor) : undefined;
  const rows = await runInTenant(ctx.db, input.tenantId, (tx) =>
    tx
      .select({ ...getTableColumns(jobs), createdKey })
      .from(jobs)
      .where(
        and(
          eq(jobs.tenantId, input.tenantId),
          input.caller.isAdmin ? undefined : eq(jobs.createdBy, input.caller.id),
          input.status ? eq(jobs.status, input.status) : undefined,
          input.type ? eq(jobs.type, input.type) : undefined,
          after ? sql`(${jobs.createdAt}, ${jobs.id}) < (${after.createdAt}::timestamptz, ${after.id}::uuid)` : undefined,
        ),
      )
      .orderBy(desc(jobs.createdAt), desc(jobs.id))
      .limit(input.limit + 1),
  );
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  const nextCursor = rows.length > input.limit && last ? encodeCursor({ createdAt: last.createdKey, id: last.id }) : null;
  return { items: items.map(({ createdKey: _, ...job }) => job), nextCursor };
}
