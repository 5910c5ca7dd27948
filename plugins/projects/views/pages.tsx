import { definePage, type Logger, type PageDefinition } from 'atoll/plugin';
import type { ProjectDeletionListener, ProjectSection } from '../refs';
import { deleteProjectFromForm, ProjectPage } from './project-page';
import { createProjectFromForm, ProjectsPage } from './projects-page';

/** The projects plugin's pages; the tenant is the one chosen with the switcher (cookie). */
export const projectPages = (deps: { listeners: readonly ProjectDeletionListener[]; sections: readonly ProjectSection[]; logger: Logger }): PageDefinition[] => [
  definePage({ path: '/projects', title: 'Projects', nav: { label: 'Projects', order: 20 }, access: { tenantRole: 'viewer' }, render: ProjectsPage }),
  definePage({ path: '/projects', method: 'post', title: 'Projects', access: { tenantRole: 'member' }, render: createProjectFromForm }),
  definePage({ path: '/projects/:id', title: 'Project', access: { tenantRole: 'viewer' }, render: (c) => ProjectPage(c, deps.sections) }),
  definePage({ path: '/projects/:id/delete', method: 'post', title: 'Project', access: { tenantRole: 'admin' }, render: (c) => deleteProjectFromForm(c, deps) }),
];
