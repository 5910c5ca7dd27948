import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Panel } from '../services/panel-schema';

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' }).notNull().defaultNow();

/**
 * A tenant's dashboards. Panels are one validated JSON array (services/panel-schema.ts): a
 * dashboard is read and written whole, and its array order is the panels' reading order. Row-level
 * security and the tenant foreign key (cascade) are in migrations/0001.
 */
export const dashboards = pgTable(
  'dashboards',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    tenantId: uuid('tenant_id').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    panels: jsonb('panels').$type<Panel[]>().notNull().default(sql`'[]'::jsonb`),
    createdBy: text('created_by'),
    createdAt: timestamptz('created_at'),
    updatedAt: timestamptz('updated_at'),
  },
  (t) => [index('dashboards_tenant_name_idx').on(t.tenantId, sql`lower(${t.name})`, t.id)],
);

export type DashboardRow = typeof dashboards.$inferSelect;
