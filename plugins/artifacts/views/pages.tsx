import { definePage, type PageDefinition } from 'atoll/plugin';
import type { ArtifactsDeps } from '../routes/deps';
import { ArtifactPage, deleteArtifactFromForm } from './artifact-page';
import { createArtifactFromForm } from './artifacts-section';

/** Artifact pages (the project page's artifacts table is a section added through `projects.page`). */
export const artifactPages = (deps: ArtifactsDeps): PageDefinition[] => [
  definePage({ path: '/projects/:id/artifacts', method: 'post', title: 'New artifact', access: { tenantRole: 'member' }, render: (c) => createArtifactFromForm(c, deps) }),
  definePage({ path: '/artifacts/:id', title: 'Artifact', access: { tenantRole: 'viewer' }, render: ArtifactPage }),
  definePage({ path: '/artifacts/:id/delete', method: 'post', title: 'Artifact', access: { tenantRole: 'admin' }, render: (c) => deleteArtifactFromForm(c, deps) }),
];
