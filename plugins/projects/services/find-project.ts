import { containsPattern, type Database } from 'atoll/plugin';
import { asc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import { projects } from '../db/schema';
import type { ProjectsService } from '../refs';

/** The `projects.projects` service: lookups inside a caller's tenant-bound transaction. */
export const projectsService: ProjectsService = {
  async findProject(tx: Database, projectId: string) {
    const [row] = await tx.select({ id: projects.id, name: projects.name }).from(projects).where(eq(projects.id, projectId));
    return row ?? null;
  },
  async findProjects(tx: Database, projectIds: readonly string[]) {
    if (projectIds.length === 0) return [];
    return tx
      .select({ id: projects.id, name: projects.name })
      .from(projects)
      .where(inArray(projects.id, [...projectIds]));
  },
  async searchProjects(tx: Database, input: { text: string; limit: number }) {
    const pattern = containsPattern(input.text);
    return tx
      .select({ id: projects.id, name: projects.name, description: projects.description })
      .from(projects)
      .where(or(ilike(projects.name, pattern), ilike(projects.description, pattern)))
      .orderBy(asc(sql`lower(${projects.name})`), asc(projects.id))
      .limit(input.limit);
  },
};
