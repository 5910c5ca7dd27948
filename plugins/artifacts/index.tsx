import { coreServices, definePlugin } from 'atoll/plugin';
import { projectsDeletionExtension, projectsPageExtension, projectsServiceRef } from '../projects';
import { artifactsConfigSchema } from './config';
import { artifactRoutes } from './routes/artifacts';
import { contentRoutes } from './routes/content';
import type { ArtifactsDeps } from './routes/deps';
import { projectArtifactsListener } from './services/delete-artifact';
import { searchTool } from './tools/search';
import { ArtifactsSection } from './views/artifacts-section';
import { artifactPages } from './views/pages';

/**
 * Artifacts: tracked results (dataset, model, report, figure, file) in projects, with tags,
 * metadata, lineage and versioned content in S3 under `tenants/<tenant>/artifacts/<artifact>/v<n>`.
 * Registers with `projects.deletion` (a project holding artifacts is only deleted with force, which
 * deletes them and their objects) and adds the artifacts table to the project page. The assistant
 * tool `artifacts_search` finds projects and artifacts by name. See README.md.
 */
export const artifactsPlugin = definePlugin(() => ({
  id: 'artifacts',
  version: '0.1.0',
  description: 'Artifacts with versioned content, tags, metadata and lineage',
  host: '^0.1.0',
  requires: ['projects'],
  config: artifactsConfigSchema,
  migrations: 'plugins/artifacts/migrations',
  chatTools: [searchTool],
  routes: (ctx) => {
    const deps: ArtifactsDeps = { storage: ctx.service(coreServices.storage), config: ctx.config, projects: ctx.service(projectsServiceRef), logger: ctx.logger };
    return [...artifactRoutes(deps), ...contentRoutes(deps)];
  },
  views: (ctx) => artifactPages({ storage: ctx.service(coreServices.storage), config: ctx.config, projects: ctx.service(projectsServiceRef), logger: ctx.logger }),
  setup: (ctx) => {
    const deps: ArtifactsDeps = { storage: ctx.service(coreServices.storage), config: ctx.config, projects: ctx.service(projectsServiceRef), logger: ctx.logger };
    ctx.extensionPoint(projectsDeletionExtension).onDelete(projectArtifactsListener(deps.storage));
    ctx.extensionPoint(projectsPageExtension).addSection((c, project) => ArtifactsSection(c, project, deps), 10);
  },
}));
