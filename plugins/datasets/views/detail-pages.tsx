import { definePage, type PageDefinition } from 'atoll/plugin';
import type { DatasetsDeps } from '../deps';
import { DatasetDetailPage, DatasetStatusPartial, DatasetSummaryPartial } from './detail/dataset-detail';
import { runSqlFromForm, SqlConsolePage } from './detail/sql-console';

const VIEWER = { tenantRole: 'viewer' } as const;
/**
 * Dataset detail (schema, preview, summary, row errors) and the SQL console. The console is
 * registered before `/datasets/:id`, so /app/datasets/sql is never taken for a dataset id (and a
 * non-UUID id is a 404).
 */
export const detailPages = (deps: DatasetsDeps): PageDefinition[] => [
  definePage({ path: '/datasets/sql', title: 'SQL', nav: { label: 'SQL', order: 41 }, access: VIEWER, render: SqlConsolePage }),
  definePage({ path: '/datasets/sql', method: 'post', title: 'SQL', access: VIEWER, render: (c) => runSqlFromForm(c, deps) }),
  definePage({ path: '/datasets/:id', title: 'Dataset', access: VIEWER, render: (c) => DatasetDetailPage(c, { jobs: deps.host.plugins.some((p) => p.id === 'jobs') }) }),
  definePage({ path: '/datasets/:id/status', title: 'Dataset', partial: true, access: VIEWER, render: DatasetStatusPartial }),
  definePage({ path: '/datasets/:id/summary', title: 'Dataset summary', partial: true, access: VIEWER, render: DatasetSummaryPartial }),
];
