import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' }).notNull().defaultNow();

/**
 * A tenant's projects. Names are unique per tenant, ignoring case. Row-level security and the
 * foreign key to `tenants` (cascade) are in migrations/0001 (hand-written, cross-plugin).
 */
export const projects = pgTable(
  'projects',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    tenantId: uuid('tenant_id').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    createdBy: text('created_by'),
    createdAt: timestamptz('created_at'),
    updatedAt: timestamptz('updated_at'),
  },
  (t) => [uniqueIndex('projects_tenant_name_unique').on(t.tenantId, sql`lower(${t.name})`), index('projects_tenant_updated_idx').on(t.tenantId, t.updatedAt, t.id)],
);

export type ProjectRow = typeof projects.$inferSelect;
