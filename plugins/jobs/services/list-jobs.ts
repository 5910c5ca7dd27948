import { CURSOR_PARTS, type Database, decodeCursor, encodeCursor, runInTenant } from 'atoll/plugin';
import { and, desc, eq, getTableColumns, inArray, or, sql } from 'drizzle-orm';
import { type JobStatus, jobs, jobViewers } from '../db/schema';
import { invalidCursor } from '../errors';
import type { Caller, JobsServiceContext } from './context';

export interface ListJobsInput {
  tenantId: string;
  caller: Caller;
  limit: number;
  cursor?: string | undefined;
  status?: JobStatus | undefined;
  type?: string | undefined;
}

const createdKey = sql<string>`to_char(${jobs.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

// The jobs someone else created that the caller was given from the cache.
const shared = (tx: Database, input: Pick<ListJobsInput, 'tenantId' | 'caller'>) =>
  tx
    .select({ id: jobViewers.jobId })
    .from(jobViewers)
    .where(and(eq(jobViewers.tenantId, input.tenantId), eq(jobViewers.viewerId, input.caller.id)));

/** A page of jobs, newest first: a tenant admin sees every job, anyone else their own and those the cache gave them. */
export async function listJobs({ ctx, input }: { ctx: Pick<JobsServiceContext, 'db'>; input: ListJobsInput }) {
  const after = input.cursor ? decodeCursor(input.cursor, [CURSOR_PARTS.time, CURSOR_PARTS.uuid]) : undefined;
  if (after === null) throw invalidCursor();
  const rows = await runInTenant(ctx.db, input.tenantId, (tx) =>
    tx
      .select({ ...getTableColumns(jobs), createdKey })
      .from(jobs)
      .where(
        and(
          eq(jobs.tenantId, input.tenantId),
          input.caller.isAdmin ? undefined : or(eq(jobs.createdBy, input.caller.id), inArray(jobs.id, shared(tx, input))),
          input.status ? eq(jobs.status, input.status) : undefined,
          input.type ? eq(jobs.type, input.type) : undefined,
          after ? sql`(${jobs.createdAt}, ${jobs.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : undefined,
        ),
      )
      .orderBy(desc(jobs.createdAt), desc(jobs.id))
      .limit(input.limit + 1),
  );
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  const nextCursor = rows.length > input.limit && last ? encodeCursor([last.createdKey, last.id]) : null;
  return { items: items.map(({ createdKey: _, ...job }) => job), nextCursor };
}
