import { eq } from 'drizzle-orm';
import type { Database } from 'atoll/plugin';
import { projects } from '../db/schema';
import type { ProjectsService } from '../refs';

/** The `projects.projects` service: lookups inside a caller's tenant-bound transaction. */
export const projectsService: ProjectsService = {
  async findProject(tx: Database, projectId: string) {
    const [row] = await tx.select({ id: projects.id, name: projects.name }).from(projects).where(eq(projects.id, projectId));
    return row ?? null;
  },
};
