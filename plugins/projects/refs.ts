import { type AppContext, createExtensionPoint, createServiceRef, type Database } from 'atoll/plugin';
import type { Child } from 'hono/jsx';

/** What a deletion listener is told: the transaction deleting the project, and which project. */
export interface ProjectDeletionEvent {
  tx: Database;
  tenantId: string;
  projectId: string;
  actor: { type: 'user' | 'api_key' | 'system'; id: string | null };
  request?: AppContext | undefined;
}

/**
 * A plugin whose rows belong to projects (e.g. artifacts). Both calls run inside the transaction
 * that deletes the project.
 */
export interface ProjectDeletionListener {
  /** How many of its items the project holds; any refuses a delete without `force`. */
  countItems(event: ProjectDeletionEvent): Promise<number>;
  /**
   * Deletes them (force delete). May return work to run after the commit, such as deleting
   * stored objects, so storage is only touched once the rows are gone for good.
   */
  deleteItems(event: ProjectDeletionEvent): Promise<(() => Promise<void>) | void>;
}

export interface ProjectsDeletionExtension {
  onDelete(listener: ProjectDeletionListener): void;
}

/** A section of the project detail page (`/app/projects/:id`), e.g. the artifacts table. */
export type ProjectSection = (c: AppContext, project: { id: string; name: string }) => Child | Promise<Child>;

export interface ProjectsPageExtension {
  addSection(section: ProjectSection, order?: number): void;
}

/**
 * Plugins that keep items in projects plug in here so deleting a project can refuse or cascade.
 *
 * @example
 * ctx.extensionPoint(projectsDeletionExtension).onDelete({ countItems, deleteItems });
 */
export const projectsDeletionExtension = createExtensionPoint<ProjectsDeletionExtension>({ id: 'projects.deletion' });

/**
 * Sections on the project detail page.
 *
 * @example
 * ctx.extensionPoint(projectsPageExtension).addSection((c, project) => <ArtifactsTable ... />, 10);
 */
export const projectsPageExtension = createExtensionPoint<ProjectsPageExtension>({ id: 'projects.page' });

/** Read access to projects for plugins that require `projects`. */
export interface ProjectsService {
  /** The project, looked up with `tx` (a transaction already bound to the tenant), or null. */
  findProject(tx: Database, projectId: string): Promise<{ id: string; name: string } | null>;
  /** The projects among `projectIds` (unknown ids are left out), looked up with `tx`. */
  findProjects(tx: Database, projectIds: readonly string[]): Promise<{ id: string; name: string }[]>;
  /**
   * Projects whose name or description contains `text` (ignoring case; `%` and `_` literal), by
   * name, at most `limit`; looked up with `tx` (bound to the tenant).
   */
  searchProjects(tx: Database, input: { text: string; limit: number }): Promise<{ id: string; name: string; description: string | null }[]>;
}

/**
 * @example
 * const project = await ctx.service(projectsServiceRef).findProject(tx, projectId);
 */
export const projectsServiceRef = createServiceRef<ProjectsService>({ id: 'projects.projects' });
