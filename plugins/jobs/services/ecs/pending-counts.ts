import type { Database } from 'atoll/plugin';
import { and, count, eq, isNotNull, lte } from 'drizzle-orm';
import { jobs } from '../../db/schema';
import { runAllTenants } from '../all-tenants';

/**
 * Pending jobs that are ready to run, per ECS task definition, across every tenant (the jobs
 * tables' permissive policy for `atoll.jobs_all_tenants`, set for this transaction only). Jobs of
 * types without a task definition run on runners started some other way and are not counted.
 *
 * @example
 * const pending = await countPendingByTaskDefinition(db, new Date()); // Map { 'atoll-runner' => 42 }
 */
export async function countPendingByTaskDefinition(db: Database, now: Date): Promise<Map<string, number>> {
  const rows = await runAllTenants(db, (tx) =>
    tx
      .select({ taskDefinition: jobs.taskDefinition, pending: count() })
      .from(jobs)
      .where(and(eq(jobs.status, 'PENDING'), isNotNull(jobs.taskDefinition), lte(jobs.availableAt, now)))
      .groupBy(jobs.taskDefinition),
  );
  return new Map(rows.map((row) => [row.taskDefinition as string, Number(row.pending)]));
}
