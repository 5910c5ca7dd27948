import { coreExtensionPoints, definePlugin } from 'atoll/plugin';
import { type ProjectDeletionListener, type ProjectSection, projectsDeletionExtension, projectsPageExtension, projectsServiceRef } from './refs';
import { projectRoutes } from './routes/projects';
import { projectsService } from './services/find-project';
import { projectsHome } from './views/home';
import { projectPages } from './views/pages';

export type { ProjectDeletionEvent, ProjectDeletionListener, ProjectSection, ProjectsDeletionExtension, ProjectsPageExtension, ProjectsService } from './refs';
export { projectsDeletionExtension, projectsPageExtension, projectsServiceRef } from './refs';

/**
 * Projects: a tenant's named workspaces (`/api/v1/projects`, pages under `/app/projects`). Plugins
 * that keep items in projects (artifacts) register with `projects.deletion`, so deleting a
 * non-empty project is refused (409) unless `?force=true` deletes the items too; they can add
 * sections to the project page through `projects.page`. Permissions: see README.md.
 */
export const projectsPlugin = definePlugin(() => {
  const listeners: ProjectDeletionListener[] = [];
  const sections: { section: ProjectSection; order: number }[] = [];
  const ordered: ProjectSection[] = [];
  return {
    id: 'projects',
    version: '0.1.0',
    description: 'Projects of a tenant',
    host: '^0.1.0',
    requires: ['tenants'],
    migrations: 'plugins/projects/migrations',
    routes: (ctx) => projectRoutes({ listeners, logger: ctx.logger }),
    views: (ctx) => projectPages({ listeners, sections: ordered, logger: ctx.logger }),
    setup: (ctx) => {
      ctx.provide(projectsServiceRef, projectsService);
      ctx.extensionPoint(coreExtensionPoints.home).addSource(projectsHome);
      ctx.registerExtensionPoint(projectsDeletionExtension, { onDelete: (listener) => void listeners.push(listener) });
      ctx.registerExtensionPoint(projectsPageExtension, {
        addSection: (section, order = 100) => {
          sections.push({ section, order });
          ordered.splice(0, ordered.length, ...sections.sort((a, b) => a.order - b.order).map((s) => s.section));
        },
      });
    },
  };
});
