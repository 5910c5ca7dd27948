import { AtollError, type ObjectBody, type ObjectInfo } from 'atoll/plugin';
import { FilesErrorCode, fileNotFound } from '../errors';
import type { FilesContext } from './context';
import { keyOf } from './keys';
import { parseRange } from './range';

/** A file's metadata, or a 404. */
export async function headFile({ ctx, input }: { ctx: FilesContext; input: { path: string } }): Promise<ObjectInfo> {
  const info = await ctx.storage.head(await keyOf(ctx.tenantId, input.path));
  if (!info) throw fileNotFound(input.path);
  return info;
}

/**
 * A file's content as a stream, whole or the one byte range asked for (`Range: bytes=a-b`).
 * A range starting past the end is a 416 with `Content-Range: bytes * /size`.
 */
export async function readFile({ ctx, input }: { ctx: FilesContext; input: { path: string; range: string | undefined } }): Promise<ObjectBody> {
  const info = await headFile({ ctx, input });
  const range = parseRange(input.range, info.size);
  if (range.kind === 'unsatisfiable') {
    throw new AtollError('validation', FilesErrorCode.BAD_RANGE, `The range is outside the file (${info.size} bytes)`, {
      status: 416,
      headers: { 'content-range': `bytes */${info.size}` },
      errors: [{ location: 'header', path: 'range', message: `The file has ${info.size} bytes` }],
    });
  }
  const body = await ctx.storage.get(info.key, range.kind === 'partial' ? { range: `bytes=${range.start}-${range.end}` } : {});
  if (!body) throw fileNotFound(input.path);
  return { ...body, contentType: body.contentType ?? info.contentType };
}
