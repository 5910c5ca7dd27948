import { definePage, type PageDefinition } from 'atoll/plugin';
import { addPanelFromForm, deleteFromForm, duplicateFromForm, movePanelFromForm, placePanelFromForm, removePanelFromForm, renameFromForm, updatePanelFromForm } from './actions';
import { DashboardPage, EditPanelPage, type PageDeps, PanelPartial } from './dashboard-page';
import { createDashboardFromForm, DashboardsPage } from './dashboards-page';
import { PanelPreview } from './panel-preview';

const VIEWER = { tenantRole: 'viewer' } as const;
const MEMBER = { tenantRole: 'member' } as const;

/** The dashboards pages (current tenant from the switcher): viewers look, members edit, admins delete. */
export const dashboardPages = (deps: PageDeps): PageDefinition[] => [
  definePage({ path: '/dashboards', title: 'Dashboards', nav: { label: 'Dashboards', order: 50 }, access: VIEWER, render: DashboardsPage }),
  definePage({ path: '/dashboards', method: 'post', title: 'Dashboards', access: MEMBER, render: createDashboardFromForm }),
  definePage({ path: '/dashboards/:id', title: 'Dashboard', access: VIEWER, render: (c) => DashboardPage(c, deps) }),
  definePage({ path: '/dashboards/:id', method: 'post', title: 'Dashboard', access: MEMBER, render: renameFromForm }),
  definePage({ path: '/dashboards/:id/duplicate', method: 'post', title: 'Dashboard', access: MEMBER, render: duplicateFromForm }),
  definePage({ path: '/dashboards/:id/delete', method: 'post', title: 'Dashboard', access: { tenantRole: 'admin' }, render: deleteFromForm }),
  definePage({ path: '/dashboards/:id/panels', method: 'post', title: 'Dashboard', access: MEMBER, render: addPanelFromForm }),
  // Before `/panels/:panelId`, which would take "preview" for a panel id.
  definePage({ path: '/dashboards/:id/panels/preview', method: 'post', title: 'Preview', partial: true, access: MEMBER, render: (c) => PanelPreview(c, deps) }),
  definePage({ path: '/dashboards/:id/panels/:panelId/preview', method: 'post', title: 'Preview', partial: true, access: MEMBER, render: (c) => PanelPreview(c, deps) }),
  definePage({ path: '/dashboards/:id/panels/:panelId', title: 'Panel', partial: true, access: VIEWER, render: (c) => PanelPartial(c, deps) }),
  definePage({ path: '/dashboards/:id/panels/:panelId', method: 'post', title: 'Panel', access: MEMBER, render: updatePanelFromForm }),
  definePage({ path: '/dashboards/:id/panels/:panelId/edit', title: 'Edit panel', access: MEMBER, render: (c) => EditPanelPage(c, deps) }),
  definePage({ path: '/dashboards/:id/panels/:panelId/delete', method: 'post', title: 'Panel', access: MEMBER, render: removePanelFromForm }),
  definePage({ path: '/dashboards/:id/panels/:panelId/move', method: 'post', title: 'Panel', access: MEMBER, render: movePanelFromForm }),
  definePage({ path: '/dashboards/:id/panels/:panelId/place', method: 'post', title: 'Panel', access: MEMBER, render: placePanelFromForm }),
];
