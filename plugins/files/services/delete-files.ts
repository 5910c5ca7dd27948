import { auditFiles } from './audit';
import type { FilesContext } from './context';
import { keyOf } from './keys';
import { headFile } from './read-file';

/** Most paths in one delete-multiple request. */
export const MAX_DELETE_PATHS = 1000;

/** Deletes one file (404 if there is none), audited as `files.deleted`. */
export async function deleteFile({ ctx, input }: { ctx: FilesContext; input: { path: string } }): Promise<void> {
  const info = await headFile({ ctx, input });
  await ctx.storage.delete(info.key);
  await auditFiles(ctx, 'deleted', input.path);
}

/**
 * Deletes up to 1,000 files in one S3 request. Like S3, paths that do not exist count as deleted;
 * `failed` lists those storage refused. One audit row `files.deleted_many`.
 */
export async function deleteFiles({ ctx, input }: { ctx: FilesContext; input: { paths: string[] } }): Promise<{ deleted: string[]; failed: string[] }> {
  const unique = [...new Set(input.paths)];
  const keys = await Promise.all(unique.map((p) => keyOf(ctx.tenantId, p)));
  const { failed } = await ctx.storage.deleteMany(keys);
  const failedKeys = new Set(failed);
  const failedPaths = new Set(unique.filter((_, i) => failedKeys.has(keys[i]!)));
  const deleted = unique.filter((p) => !failedPaths.has(p));
  await auditFiles(ctx, 'deleted_many', `${deleted.length} files`, { count: deleted.length, paths: deleted.slice(0, 50), failed: failedPaths.size });
  return { deleted, failed: [...failedPaths] };
}
