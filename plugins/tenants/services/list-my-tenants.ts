import { type Database, runInScope } from 'atoll/plugin';
import { and, asc, eq, gt } from 'drizzle-orm';
import { memberships, tenants } from '../db/schema';
import { pageOf, readCursor, SLUG_PART } from './cursor';
import type { TenantWithRole } from './find-tenant';

/** The user's tenants with their role, by slug, a page at a time. Runs in the user's scope. */
export async function listMyTenants({ ctx, input }: { ctx: { db: Database }; input: { userId: string; limit: number; cursor?: string | undefined } }) {
  const after = input.cursor ? readCursor(input.cursor, [SLUG_PART])[0] : undefined;
  const rows: TenantWithRole[] = await runInScope(ctx.db, { userId: input.userId }, (tx) =>
    tx
      .select({ id: tenants.id, slug: tenants.slug, name: tenants.name, role: memberships.role, createdAt: tenants.createdAt, updatedAt: tenants.updatedAt })
      .from(memberships)
      .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
      .where(and(eq(memberships.userId, input.userId), after === undefined ? undefined : gt(tenants.slug, after)))
      .orderBy(asc(tenants.slug))
      .limit(input.limit + 1),
  );
  return pageOf(rows, input.limit, (t) => [t.slug]);
}
