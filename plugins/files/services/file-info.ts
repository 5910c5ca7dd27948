import type { ObjectInfo } from 'atoll/plugin';

/** A file as the API shows it. */
export interface FileInfo {
  path: string;
  size: number;
  contentType: string | undefined;
  etag: string | undefined;
  lastModified: string | undefined;
}

/** `path` is the client-facing path of `o` (keys may hold hashed long names: keys.ts). */
export const fileInfoOf = (path: string, o: ObjectInfo): FileInfo => ({
  path,
  size: o.size,
  contentType: o.contentType,
  etag: o.etag?.replace(/"/g, ''),
  lastModified: o.lastModified?.toISOString(),
});
