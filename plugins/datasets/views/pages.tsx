import { definePage, type PageDefinition } from 'atoll/plugin';
import type { DatasetsDeps } from '../deps';
import { DatasetRowPartial, DatasetsPage } from './datasets-page';

const VIEWER = { tenantRole: 'viewer' } as const;

/** Datasets list (live statuses) and upload. */
export const datasetPages = (deps: DatasetsDeps): PageDefinition[] => [
  definePage({ path: '/datasets', title: 'Datasets', nav: { label: 'Datasets', order: 40 }, access: VIEWER, render: (c) => DatasetsPage(c, deps) }),
  definePage({ path: '/datasets/:id/row', title: 'Dataset', partial: true, access: VIEWER, render: DatasetRowPartial }),
];
