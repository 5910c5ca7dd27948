import { definePage, type PageDefinition } from 'atoll/plugin';
import { directUploadBodyLimit } from '../config';
import type { DatasetsDeps } from '../deps';
import { deleteDatasetFromForm, reingestFromForm, reuploadFromForm, setColumnTypesFromForm, updateDatasetFromForm } from './detail/dataset-actions';
import { DatasetDetailPage, DatasetStatusPartial, DatasetSummaryPartial } from './detail/dataset-detail';
import { downloadSqlCsv, runSqlFromForm, SqlConsolePage } from './detail/sql-console';
import { deleteSavedQueryFromForm, saveQueryFromForm } from './detail/sql-saved';

const VIEWER = { tenantRole: 'viewer' } as const;
const MEMBER = { tenantRole: 'member' } as const;
/**
 * Dataset detail (schema, preview, summary, row errors, column warnings), its management posts
 * (settings, column types, new file, ingest again, delete) and the SQL console. The console is
 * registered before `/datasets/:id`, so /app/datasets/sql is never taken for a dataset id (and a
 * non-UUID id is a 404).
 */
export const detailPages = (deps: DatasetsDeps): PageDefinition[] => [
  definePage({ path: '/datasets/sql', title: 'SQL', nav: { label: 'SQL', order: 41 }, access: VIEWER, render: SqlConsolePage }),
  definePage({ path: '/datasets/sql', method: 'post', title: 'SQL', access: VIEWER, render: (c) => runSqlFromForm(c, deps) }),
  definePage({ path: '/datasets/sql/csv', method: 'post', title: 'SQL', access: VIEWER, render: (c) => downloadSqlCsv(c, deps) }),
  definePage({ path: '/datasets/sql/saved', method: 'post', title: 'SQL', access: MEMBER, render: (c) => saveQueryFromForm(c, deps) }),
  definePage({ path: '/datasets/sql/saved/:id/delete', method: 'post', title: 'SQL', access: MEMBER, render: (c) => deleteSavedQueryFromForm(c, deps) }),
  definePage({
    path: '/datasets/:id',
    title: 'Dataset',
    access: VIEWER,
    render: (c) => DatasetDetailPage(c, { jobs: deps.host.plugins.some((p) => p.id === 'jobs'), maxUploadBytes: deps.config.maxDirectUploadBytes }),
  }),
  definePage({ path: '/datasets/:id', method: 'post', title: 'Dataset', access: MEMBER, render: (c) => updateDatasetFromForm(c, deps) }),
  definePage({ path: '/datasets/:id/columns', method: 'post', title: 'Dataset', access: MEMBER, render: (c) => setColumnTypesFromForm(c, deps) }),
  definePage({ path: '/datasets/:id/upload', method: 'post', title: 'Dataset', access: MEMBER, bodyLimitBytes: directUploadBodyLimit(deps.config), render: (c) => reuploadFromForm(c, deps) }),
  definePage({ path: '/datasets/:id/ingest', method: 'post', title: 'Dataset', access: MEMBER, render: (c) => reingestFromForm(c, deps) }),
  definePage({ path: '/datasets/:id/delete', method: 'post', title: 'Dataset', access: { tenantRole: 'admin' }, render: (c) => deleteDatasetFromForm(c, deps) }),
  definePage({ path: '/datasets/:id/status', title: 'Dataset', partial: true, access: VIEWER, render: DatasetStatusPartial }),
  definePage({ path: '/datasets/:id/summary', title: 'Dataset summary', partial: true, access: VIEWER, render: DatasetSummaryPartial }),
];
