import { definePage, type PageDefinition } from 'atoll/plugin';
import type { ArtifactsDeps } from '../routes/deps';
import { editArtifactFromForm, uploadVersionFromForm } from './artifact-forms';
import { ArtifactPage, deleteArtifactFromForm } from './artifact-page';
import { createArtifactFromForm } from './artifacts-section';

/** Artifact pages (the project page's artifacts table is a section added through `projects.page`). */
export const artifactPages = (deps: ArtifactsDeps): PageDefinition[] => [
  definePage({ path: '/projects/:id/artifacts', method: 'post', title: 'New artifact', access: { tenantRole: 'member' }, render: (c) => createArtifactFromForm(c, deps) }),
  definePage({ path: '/artifacts/:id', title: 'Artifact', access: { tenantRole: 'viewer' }, render: (c) => ArtifactPage(c, deps) }),
  definePage({ path: '/artifacts/:id/edit', method: 'post', title: 'Artifact', access: { tenantRole: 'member' }, render: (c) => editArtifactFromForm(c, deps) }),
  definePage({
    path: '/artifacts/:id/versions',
    method: 'post',
    title: 'Artifact',
    access: { tenantRole: 'member' },
    // The file part streams through; the rest of the form is a few fields.
    bodyLimitBytes: deps.config.maxContentBytes + 64 * 1024,
    render: (c) => uploadVersionFromForm(c, deps),
  }),
  definePage({ path: '/artifacts/:id/delete', method: 'post', title: 'Artifact', access: { tenantRole: 'admin' }, render: (c) => deleteArtifactFromForm(c, deps) }),
];
