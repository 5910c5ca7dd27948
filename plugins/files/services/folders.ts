import { fileExists, folderNotFound } from '../errors';
import { auditFiles } from './audit';
import type { FilesContext } from './context';
import { keyOf } from './keys';
import { rememberNames } from './long-names';

/** Creates an empty folder: a zero-byte `folder/` marker. 409 when the folder already exists. */
export async function createFolder({ ctx, input }: { ctx: FilesContext; input: { path: string } }): Promise<{ path: string }> {
  const key = await keyOf(ctx.tenantId, input.path);
  const existing = await ctx.storage.list({ prefix: key, limit: 1 });
  if (existing.objects.length > 0) throw fileExists(input.path);
  await rememberNames(ctx.storage, ctx.tenantId, input.path);
  await ctx.storage.put(key, new Uint8Array(0), { contentType: 'application/x-directory' });
  return { path: input.path };
}

/**
 * Deletes a folder and everything under it, 1,000 keys per S3 request while listing page by page,
 * so folders of any size go. 404 when nothing is there. Audited as `files.folder_deleted`.
 */
export async function deleteFolder({ ctx, input }: { ctx: FilesContext; input: { path: string } }): Promise<{ deleted: number; failed: number }> {
  let batch: string[] = [];
  let deleted = 0;
  let failed = 0;
  const flush = async () => {
    const out = await ctx.storage.deleteMany(batch);
    deleted += batch.length - out.failed.length;
    failed += out.failed.length;
    batch = [];
  };
  for await (const object of ctx.storage.listAll(await keyOf(ctx.tenantId, input.path))) {
    batch.push(object.key);
    if (batch.length === 1000) await flush();
  }
  if (batch.length > 0) await flush();
  if (deleted + failed === 0) throw folderNotFound(input.path);
  await auditFiles(ctx, 'folder_deleted', input.path, { deleted, failed });
  return { deleted, failed };
}
