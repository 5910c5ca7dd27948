import { fileExists, tooLarge } from '../errors';
import type { FilesContext } from './context';
import { baseName } from './file-path';
import { keyOf } from './keys';
import { rememberNames } from './long-names';
import { headFile } from './read-file';

/** Presigned download URLs live 15 minutes unless asked otherwise, at most 7 days. */
export const DOWNLOAD_EXPIRY = { default: 15 * 60, max: 7 * 24 * 3600 } as const;
/** Presigned upload URLs: at most 1 hour. */
export const UPLOAD_EXPIRY = { default: 15 * 60, max: 3600 } as const;

const expiresAt = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();

/** A time-limited GET URL for an existing file (404 otherwise), downloading under its own name. */
export async function presignDownload({ ctx, input }: { ctx: FilesContext; input: { path: string; expiresIn: number } }) {
  const info = await headFile({ ctx, input });
  const url = await ctx.storage.presignGet(info.key, { expiresIn: input.expiresIn, filename: baseName(input.path) });
  return { url, method: 'GET' as const, expiresAt: expiresAt(input.expiresIn) };
}

/**
 * A time-limited PUT URL for exactly `size` bytes (the length is signed, so S3 refuses anything
 * else). `size` over the upload limit is a 413; an existing name a 409 unless `overwrite`.
 */
export async function presignUpload({ ctx, input }: { ctx: FilesContext; input: { path: string; size: number; contentType?: string; expiresIn: number; overwrite: boolean } }) {
  if (input.size > ctx.maxUploadBytes) throw tooLarge(ctx.maxUploadBytes, { location: 'body', path: 'size', message: `At most ${ctx.maxUploadBytes} bytes` });
  const key = await keyOf(ctx.tenantId, input.path);
  if (!input.overwrite && (await ctx.storage.head(key))) throw fileExists(input.path);
  await rememberNames(ctx.storage, ctx.tenantId, input.path);
  const signed = await ctx.storage.presignPut(key, {
    expiresIn: input.expiresIn,
    contentLength: input.size,
    ...(input.contentType ? { contentType: input.contentType } : {}),
  });
  return { ...signed, method: 'PUT' as const, expiresAt: expiresAt(input.expiresIn) };
}
