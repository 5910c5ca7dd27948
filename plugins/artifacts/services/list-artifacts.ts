import { and, arrayContains, desc, eq, getTableColumns, sql } from 'drizzle-orm';
import { runInTenant, type Database } from 'atoll/plugin';
import type { ProjectsService } from '../../projects';
import { artifacts, type ArtifactKind, type ArtifactStatus } from '../db/schema';
import { invalidCursor, projectNotFound } from '../errors';

const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const encode = (parts: string[]) => btoa(JSON.stringify(parts)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
function decode(cursor: string): [string, string] {
  let parts: unknown;
  try {
    parts = JSON.parse(atob(cursor.replace(/-/g, '+').replace(/_/g, '/')));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(parts) || parts.length !== 2 || typeof parts[0] !== 'string' || typeof parts[1] !== 'string' || !TIME.test(parts[0]) || !UUID.test(parts[1])) {
    throw invalidCursor();
  }
  return [parts[0], parts[1]];
}

export interface ListArtifactsInput {
  tenantId: string;
  projectId: string;
  limit: number;
  cursor?: string | undefined;
  kind?: ArtifactKind | undefined;
  status?: ArtifactStatus | undefined;
  tag?: string | undefined;
}

/** A project's artifacts, newest first, filtered by kind, status and tag; 404 for an unknown project. */
export async function listArtifacts({ ctx, input }: { ctx: { db: Database; projects: ProjectsService }; input: ListArtifactsInput }) {
  const before = input.cursor ? decode(input.cursor) : undefined;
  const rows = await runInTenant(ctx.db, input.tenantId, async (tx) => {
    if (!(await ctx.projects.findProject(tx, input.projectId))) throw projectNotFound();
    return tx
      .select({ ...getTableColumns(artifacts), sortKey: sql<string>`to_char(${artifacts.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')` })
      .from(artifacts)
      .where(
        and(
          eq(artifacts.projectId, input.projectId),
          input.kind ? eq(artifacts.kind, input.kind) : undefined,
          input.status ? eq(artifacts.status, input.status) : undefined,
          input.tag ? arrayContains(artifacts.tags, [input.tag]) : undefined,
          before ? sql`(${artifacts.createdAt}, ${artifacts.id}) < (${before[0]}::timestamptz, ${before[1]}::uuid)` : undefined,
        ),
      )
      .orderBy(desc(artifacts.createdAt), desc(artifacts.id))
      .limit(input.limit + 1);
  });
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return {
    items: items.map(({ sortKey: _, ...artifact }) => artifact),
    nextCursor: rows.length > input.limit && last ? encode([last.sortKey, last.id]) : null,
  };
}
