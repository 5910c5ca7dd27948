import type { FilesContext } from './context';
import { type FileInfo, fileInfoOf } from './file-info';
import { keyOf, pathOf } from './keys';
import { lookupNames } from './long-names';

export interface FileList {
  files: FileInfo[];
  /** Sub-folders (`a/b/`) when listed with `delimiter: '/'`. */
  folders: string[];
  nextCursor: string | null;
}

/**
 * One page of the tenant's files under `prefix` (S3 semantics: a plain string prefix; end it with
 * `/` for a folder). With `delimiter: '/'` only the folder's own files and its sub-folders come
 * back. Folder markers (`x/`) are not listed as files. Pages go on past S3's 1,000 keys.
 */
export async function listFiles({ ctx, input }: { ctx: FilesContext; input: { prefix: string; delimiter?: '/'; cursor?: string; limit: number } }): Promise<FileList> {
  const page = await ctx.storage.list({
    prefix: await keyOf(ctx.tenantId, input.prefix),
    ...(input.delimiter ? { delimiter: input.delimiter } : {}),
    ...(input.cursor ? { cursor: input.cursor } : {}),
    limit: input.limit,
  });
  const files = page.objects.filter((o) => !o.key.endsWith('/'));
  const lookup = await lookupNames(ctx.storage, ctx.tenantId, [...files.map((o) => o.key), ...page.prefixes]);
  return {
    files: files.map((o) => fileInfoOf(pathOf(ctx.tenantId, o.key, lookup), o)),
    folders: page.prefixes.map((p) => pathOf(ctx.tenantId, p, lookup)),
    nextCursor: page.nextCursor ?? null,
  };
}
