import { fileExists, samePath } from '../errors';
import { auditFiles } from './audit';
import type { FilesContext } from './context';
import { type FileInfo, fileInfoOf } from './file-info';
import { keyOf } from './keys';
import { rememberNames } from './long-names';
import { headFile } from './read-file';

export interface CopyInput {
  from: string;
  to: string;
  overwrite: boolean;
}

/** Copies a file (404 without source; 409 onto an existing name unless `overwrite`). */
export async function copyFile({ ctx, input }: { ctx: FilesContext; input: CopyInput }): Promise<FileInfo> {
  if (input.from === input.to) throw samePath();
  const source = await headFile({ ctx, input: { path: input.from } });
  const target = await keyOf(ctx.tenantId, input.to);
  if (!input.overwrite && (await ctx.storage.head(target))) throw fileExists(input.to);
  await rememberNames(ctx.storage, ctx.tenantId, input.to);
  await ctx.storage.copy(source.key, target);
  const copied = await headFile({ ctx, input: { path: input.to } });
  return fileInfoOf(input.to, copied);
}

/** Moves (renames) a file: copy, then delete the source. Audited as `files.moved`. */
export async function moveFile({ ctx, input }: { ctx: FilesContext; input: CopyInput }): Promise<FileInfo> {
  const moved = await copyFile({ ctx, input });
  await ctx.storage.delete(await keyOf(ctx.tenantId, input.from));
  await auditFiles(ctx, 'moved', input.from, { to: input.to, overwrite: input.overwrite });
  return moved;
}
