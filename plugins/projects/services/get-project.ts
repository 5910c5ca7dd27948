import { type Database, runInTenant } from 'atoll/plugin';
import { eq } from 'drizzle-orm';
import { projects } from '../db/schema';
import { projectNotFound } from '../errors';

/** A project of the tenant, or 404 (also for another tenant's project: RLS hides it). */
export async function getProject({ ctx, input }: { ctx: { db: Database }; input: { tenantId: string; projectId: string } }) {
  const [row] = await runInTenant(ctx.db, input.tenantId, (tx) => tx.select().from(projects).where(eq(projects.id, input.projectId)));
  if (!row) throw projectNotFound();
  return row;
}
