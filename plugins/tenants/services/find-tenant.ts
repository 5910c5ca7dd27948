import { CURSOR_PARTS, type Database, runInScope, runInTenant, type TenantRole } from 'atoll/plugin';
import { and, eq, type SQL } from 'drizzle-orm';
import { memberships, tenants } from '../db/schema';

export interface TenantWithRole {
  id: string;
  slug: string;
  name: string;
  role: TenantRole;
  createdAt: Date;
  updatedAt: Date;
}

/** A tenant reference is its id (a UUID) or its slug; slugs never look like UUIDs. */
export const matchesRef = (ref: string): SQL => (CURSOR_PARTS.uuid.test(ref) ? eq(tenants.id, ref.toLowerCase()) : eq(tenants.slug, ref));

/**
 * The tenant `ref` with the user's role in it, or null when it does not exist or the user is not a
 * member (one answer for both). Runs in the user's scope: RLS shows only their tenants.
 */
export async function findTenantForUser({ ctx, input }: { ctx: { db: Database }; input: { userId: string; ref: string } }): Promise<TenantWithRole | null> {
  const rows = await runInScope(ctx.db, { userId: input.userId }, (tx) =>
    tx
      .select({ id: tenants.id, slug: tenants.slug, name: tenants.name, role: memberships.role, createdAt: tenants.createdAt, updatedAt: tenants.updatedAt })
      .from(tenants)
      .innerJoin(memberships, and(eq(memberships.tenantId, tenants.id), eq(memberships.userId, input.userId)))
      .where(matchesRef(input.ref))
      .limit(1),
  );
  return rows[0] ?? null;
}

/** The tenant `ref` seen from inside tenant `tenantId` (an API key's own tenant), or null. */
export async function findTenantInScope({ ctx, input }: { ctx: { db: Database }; input: { tenantId: string; ref: string } }) {
  const rows = await runInTenant(ctx.db, input.tenantId, (tx) =>
    tx
      .select()
      .from(tenants)
      .where(and(eq(tenants.id, input.tenantId), matchesRef(input.ref)))
      .limit(1),
  );
  return rows[0] ?? null;
}
