import { definePlugin, z } from 'atoll/plugin';
import { contentRoutes } from './routes/content';
import { copyRoutes } from './routes/copy';
import { folderRoutes } from './routes/folders';
import { listRoutes } from './routes/list';
import { presignRoutes } from './routes/presign';
import { filePages } from './views/pages';

const MiB = 1024 * 1024;

/**
 * The tenant's files on S3 under `tenants/<tenantId>/files/`: streamed uploads, downloads with
 * ranges, listing with folders, copy/move, folders, presigned URLs, and the file browser page.
 * Routes and rules: README.md.
 */
export const filesPlugin = definePlugin(() => ({
  id: 'files',
  version: '0.1.0',
  description: 'Files on S3, per tenant: upload, download, folders, copy/move, presigned URLs',
  host: '^0.1.0',
  requires: ['tenants'],
  // FILES_MAX_UPLOAD_BYTES: the largest file accepted (upload routes and presigned uploads).
  config: z.object({
    maxUploadBytes: z.coerce
      .number()
      .int()
      .min(1)
      .max(5 * 1024 * MiB)
      .default(100 * MiB),
  }),
  routes: (ctx) => [...listRoutes(ctx), ...contentRoutes(ctx), ...folderRoutes(ctx), ...copyRoutes(ctx), ...presignRoutes(ctx)],
  views: (ctx) => filePages(ctx),
}));
