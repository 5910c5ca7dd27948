import { containsPattern, type Database, runInTenant } from 'atoll/plugin';
import { asc, ilike, or, sql } from 'drizzle-orm';
import type { ProjectsService } from '../../projects';
import { type ArtifactKind, type ArtifactStatus, artifacts } from '../db/schema';

export interface SearchInput {
  tenantId: string;
  /** Matched as a substring, ignoring case, with `%` and `_` literal. */
  text: string;
  /** At most this many projects and, separately, this many artifacts. */
  limit: number;
}

export interface FoundArtifact {
  id: string;
  name: string;
  kind: ArtifactKind;
  status: ArtifactStatus;
  tags: string[];
  projectId: string;
  projectName: string;
}

export interface SearchResult {
  projects: { id: string; name: string; description: string | null }[];
  artifacts: FoundArtifact[];
  /** More projects or artifacts matched than `limit`. */
  truncated: boolean;
}

/**
 * Projects (name or description, through the projects service) and artifacts (name or a tag) of
 * the tenant containing `text`, each by name, in one tenant-bound transaction.
 *
 * @example
 * const { projects, artifacts } = await searchArtifacts({ ctx: { db, projects }, input: { tenantId, text: 'churn', limit: 20 } });
 */
export async function searchArtifacts({ ctx, input }: { ctx: { db: Database; projects: ProjectsService }; input: SearchInput }): Promise<SearchResult> {
  const pattern = containsPattern(input.text);
  return runInTenant(ctx.db, input.tenantId, async (tx) => {
    const projects = await ctx.projects.searchProjects(tx, { text: input.text, limit: input.limit + 1 });
    const rows = await tx
      .select({ id: artifacts.id, name: artifacts.name, kind: artifacts.kind, status: artifacts.status, tags: artifacts.tags, projectId: artifacts.projectId })
      .from(artifacts)
      .where(or(ilike(artifacts.name, pattern), sql`exists (select 1 from unnest(${artifacts.tags}) as tag where tag ilike ${pattern})`))
      .orderBy(asc(sql`lower(${artifacts.name})`), asc(artifacts.id))
      .limit(input.limit + 1);
    const found = rows.slice(0, input.limit);
    const names = new Map((await ctx.projects.findProjects(tx, [...new Set(found.map((a) => a.projectId))])).map((p) => [p.id, p.name]));
    return {
      projects: projects.slice(0, input.limit),
      artifacts: found.map((a) => ({ ...a, projectName: names.get(a.projectId) ?? '' })),
      truncated: projects.length > input.limit || rows.length > input.limit,
    };
  });
}
