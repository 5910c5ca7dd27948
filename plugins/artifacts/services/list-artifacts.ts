import { CURSOR_PARTS, type Database, decodeCursor, encodeCursor, runInTenant } from 'atoll/plugin';
import { and, arrayContains, desc, eq, getTableColumns, sql } from 'drizzle-orm';
import type { ProjectsService } from '../../projects';
import { type ArtifactKind, type ArtifactStatus, artifacts } from '../db/schema';
import { invalidCursor, projectNotFound } from '../errors';

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
  const before = input.cursor ? decodeCursor(input.cursor, [CURSOR_PARTS.time, CURSOR_PARTS.uuid]) : undefined;
  if (before === null) throw invalidCursor();
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
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.sortKey, last.id]) : null,
  };
}
