import { definePage, type PageDefinition } from 'atoll/plugin';
import { directUploadBodyLimit } from '../config';
import type { DatasetsDeps } from '../deps';
import { DatasetRowPartial, DatasetsPage } from './datasets-page';
import { uploadDatasetFromForm } from './upload-form';

const VIEWER = { tenantRole: 'viewer' } as const;
const MEMBER = { tenantRole: 'member' } as const;

/** Datasets list (live statuses) and the upload form's post. */
export const datasetPages = (deps: DatasetsDeps): PageDefinition[] => [
  definePage({ path: '/datasets', title: 'Datasets', nav: { label: 'Datasets', order: 40 }, access: VIEWER, render: (c) => DatasetsPage(c, deps) }),
  definePage({
    path: '/datasets',
    method: 'post',
    title: 'Datasets',
    partial: true,
    access: MEMBER,
    bodyLimitBytes: directUploadBodyLimit(deps.config),
    render: (c) => uploadDatasetFromForm(c, deps),
  }),
  definePage({ path: '/datasets/:id/row', title: 'Dataset', partial: true, access: VIEWER, render: DatasetRowPartial }),
];
