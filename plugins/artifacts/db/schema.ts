import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' }).notNull().defaultNow();

export const ARTIFACT_KINDS = ['dataset', 'model', 'report', 'figure', 'file'] as const;
export const ARTIFACT_STATUSES = ['draft', 'ready', 'archived'] as const;
export type ArtifactKind = (typeof ARTIFACT_KINDS)[number];
export type ArtifactStatus = (typeof ARTIFACT_STATUSES)[number];

/**
 * Tracked results in a project. Row-level security, checks, and the foreign keys to `tenants` and
 * `projects` (both cascade) are in migrations/0001 (hand-written, cross-plugin).
 */
export const artifacts = pgTable(
  'artifacts',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    tenantId: uuid('tenant_id').notNull(),
    projectId: uuid('project_id').notNull(),
    name: text('name').notNull(),
    kind: text('kind').$type<ArtifactKind>().notNull(),
    status: text('status').$type<ArtifactStatus>().notNull().default('draft'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    /** Lineage: artifacts of the same tenant this one was made from. */
    sourceArtifactIds: uuid('source_artifact_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** The job that produced it (jobs plugin, later); no foreign key across plugins. */
    producedByJobId: uuid('produced_by_job_id'),
    /** Number of the newest content version; 0 while it has no content. */
    latestVersion: integer('latest_version').notNull().default(0),
    createdBy: text('created_by'),
    createdAt: timestamptz('created_at'),
    updatedAt: timestamptz('updated_at'),
  },
  (t) => [
    index('artifacts_project_created_idx').on(t.tenantId, t.projectId, t.createdAt, t.id),
    index('artifacts_tags_idx').using('gin', t.tags),
    index('artifacts_sources_idx').using('gin', t.sourceArtifactIds),
  ],
);

/** Content versions: each completed upload adds one; the objects live at `tenants/<t>/artifacts/<a>/v<n>`. */
export const artifactVersions = pgTable(
  'artifacts_versions',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    tenantId: uuid('tenant_id').notNull(),
    artifactId: uuid('artifact_id')
      .notNull()
      .references(() => artifacts.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    key: text('key').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    /** SHA-256 of the content, lowercase hex, computed by the server. */
    checksum: text('checksum').notNull(),
    contentType: text('content_type').notNull(),
    createdBy: text('created_by'),
    createdAt: timestamptz('created_at'),
  },
  (t) => [uniqueIndex('artifacts_versions_artifact_version_unique').on(t.artifactId, t.version)],
);

/** Presigned uploads waiting to be completed (the object is PUT to `.../uploads/<id>` first). */
export const artifactUploads = pgTable(
  'artifacts_uploads',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    tenantId: uuid('tenant_id').notNull(),
    artifactId: uuid('artifact_id')
      .notNull()
      .references(() => artifacts.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    contentType: text('content_type').notNull(),
    /** The checksum the client declared, if any; completion verifies it. */
    checksum: text('checksum'),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    completedAt: timestamp('completed_at', { withTimezone: true, mode: 'date' }),
    createdBy: text('created_by'),
    createdAt: timestamptz('created_at'),
  },
  (t) => [index('artifacts_uploads_artifact_idx').on(t.artifactId)],
);

export type ArtifactRow = typeof artifacts.$inferSelect;
export type ArtifactVersionRow = typeof artifactVersions.$inferSelect;
export type ArtifactUploadRow = typeof artifactUploads.$inferSelect;
