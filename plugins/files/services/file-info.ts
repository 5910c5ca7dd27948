import type { ObjectInfo } from 'atoll/plugin';
import { pathOf } from './keys';

/** A file as the API shows it. */
export interface FileInfo {
  path: string;
  size: number;
  contentType: string | undefined;
  etag: string | undefined;
  lastModified: string | undefined;
}

export const fileInfoOf = (tenantId: string, o: ObjectInfo): FileInfo => ({
  path: pathOf(tenantId, o.key),
  size: o.size,
  contentType: o.contentType,
  etag: o.etag?.replace(/"/g, ''),
  lastModified: o.lastModified?.toISOString(),
});
