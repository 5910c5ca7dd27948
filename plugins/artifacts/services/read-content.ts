import { type Database, type ObjectStorage, runInTenant } from 'atoll/plugin';
import { and, eq } from 'drizzle-orm';
import { artifacts, artifactVersions } from '../db/schema';
import { artifactNotFound, noContent, rangeNotSatisfiable, versionNotFound } from '../errors';

/** The artifact and the version asked for (default: the latest), or 404. */
export async function findVersion({ ctx, input }: { ctx: { db: Database }; input: { tenantId: string; artifactId: string; version?: number | undefined } }) {
  return runInTenant(ctx.db, input.tenantId, async (tx) => {
    const [artifact] = await tx.select().from(artifacts).where(eq(artifacts.id, input.artifactId));
    if (!artifact) throw artifactNotFound();
    if (artifact.latestVersion === 0) throw noContent();
    const number = input.version ?? artifact.latestVersion;
    const [version] = await tx
      .select()
      .from(artifactVersions)
      .where(and(eq(artifactVersions.artifactId, artifact.id), eq(artifactVersions.version, number)));
    if (!version) throw versionNotFound(number);
    return { artifact, version };
  });
}

/**
 * A single `Range: bytes=...` header normalised against `size`: `undefined` to serve everything
 * (no header, several ranges, or a malformed one, which HTTP lets a server ignore), 416 when it
 * starts past the end.
 */
export function normaliseRange(header: string | undefined, size: number): string | undefined {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match || size === 0) return undefined;
  const [, from, to] = match;
  if (from === '' && to === '') return undefined;
  if (from === '') {
    const suffix = Number(to);
    if (suffix === 0) throw rangeNotSatisfiable(size);
    return `bytes=${Math.max(size - suffix, 0)}-${size - 1}`;
  }
  const start = Number(from);
  const end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
  if (to !== '' && Number(to) < start) return undefined;
  if (start >= size) throw rangeNotSatisfiable(size);
  return `bytes=${start}-${end}`;
}

/** Streams a version's content (or a range of it) as an HTTP response, always as a download. */
export async function streamVersion({
  storage,
  key,
  size,
  contentType,
  filename,
  range,
}: {
  storage: ObjectStorage;
  key: string;
  size: number;
  contentType: string;
  filename: string;
  range: string | undefined;
}) {
  const normalised = normaliseRange(range, size);
  const object = await storage.get(key, normalised ? { range: normalised } : {});
  if (!object) throw noContent();
  const headers = new Headers({
    'content-type': contentType,
    'content-length': String(object.contentLength),
    'content-disposition': contentDisposition(filename),
    'accept-ranges': 'bytes',
    'cache-control': 'private, no-store',
  });
  if (object.etag) headers.set('etag', object.etag);
  if (object.status === 206 && object.contentRange) headers.set('content-range', object.contentRange);
  return new Response(object.body, { status: object.status, headers });
}

/** `attachment` (never rendered inline from our origin), with an ASCII fallback and the UTF-8 name. */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_') || 'download';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
