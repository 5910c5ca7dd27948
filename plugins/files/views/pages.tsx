import { definePage, type PageDefinition, type PluginContext } from 'atoll/plugin';
import type { FilesConfig } from '../routes/context';
import { ConfirmDeletePage, createFolderFromForm, deleteFromForm, MovePage, moveFromForm } from './actions';
import { FilesPage } from './files-page';

const VIEWER = { tenantRole: 'viewer' } as const;
const MEMBER = { tenantRole: 'member' } as const;
const ADMIN = { tenantRole: 'admin' } as const;

/** The file browser under `/app/files`, for the tenant chosen in the switcher. */
export const filePages = (plugin: PluginContext<FilesConfig>): PageDefinition[] => [
  definePage({ path: '/files', title: 'Files', nav: { label: 'Files', order: 30 }, access: VIEWER, render: (c) => FilesPage(c, plugin) }),
  definePage({ path: '/files/folders', method: 'post', title: 'Files', access: MEMBER, render: (c) => createFolderFromForm(c, plugin) }),
  definePage({ path: '/files/move', title: 'Rename or move', access: MEMBER, render: MovePage }),
  definePage({ path: '/files/move', method: 'post', title: 'Rename or move', access: MEMBER, render: (c) => moveFromForm(c, plugin) }),
  definePage({ path: '/files/delete', title: 'Delete', access: ADMIN, render: ConfirmDeletePage }),
  definePage({ path: '/files/delete', method: 'post', title: 'Delete', access: ADMIN, render: (c) => deleteFromForm(c, plugin) }),
];
