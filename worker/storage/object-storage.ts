import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsCommand,
  PutObjectCommand,
  type S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { currentUnitOfWork } from '../db/unit-of-work';
import { AtollError } from '../errors';
import { toStorageError } from './storage-errors';

/**
 * What S3 says of a stored object, as `head`, `list` and `listAll` return it.
 *
 * @example
 * const fileInfoOf = (path: string, o: ObjectInfo) => ({ path, size: o.size, etag: o.etag?.replace(/"/g, ''), lastModified: o.lastModified?.toISOString() });
 */
export interface ObjectInfo {
  key: string;
  size: number;
  etag: string | undefined;
  lastModified: Date | undefined;
  contentType?: string | undefined;
}

/**
 * An object's content as `get` returns it: a stream, with the status to answer (206 for a range).
 *
 * @example
 * const object: ObjectBody | null = await ctx.storage.get(key, { range: `bytes=${start}-${end}` });
 * if (!object) throw fileNotFound(path);
 * return new Response(object.body, { status: object.status, headers: { 'content-length': String(object.contentLength) } });
 */
export interface ObjectBody extends ObjectInfo {
  body: ReadableStream<Uint8Array>;
  /** 206 when a range was served. */
  status: 200 | 206;
  contentRange: string | undefined;
  contentLength: number;
}

/**
 * One page of `list`: the objects under the prefix, its "folders", and the cursor of the next page.
 *
 * @example
 * const page: ListResult = await ctx.storage.list({ prefix: `${tenantId}/`, delimiter: '/', limit: 100 });
 * return { files: page.objects.filter((o) => !o.key.endsWith('/')), folders: page.prefixes, nextCursor: page.nextCursor ?? null };
 */
export interface ListResult {
  objects: ObjectInfo[];
  /** "Folders" under the prefix when a delimiter was given. */
  prefixes: string[];
  /** Opaque; pass back to get the next page. */
  nextCursor: string | undefined;
}

/** Part size of streamed uploads: S3's minimum for every part but the last. */
export const UPLOAD_PART_BYTES = 5 * 1024 * 1024;

/**
 * Presigned URL lifetimes are bounded here whatever a caller asks: at most 7 days.
 *
 * @example
 * expiresIn: z.number().int().min(1).max(MAX_PRESIGN_SECONDS).default(900),
 */
export const MAX_PRESIGN_SECONDS = 7 * 24 * 3600;

/**
 * The one S3 adapter: AWS S3, R2's S3 API, MinIO, and s3rver locally. Keys are full object keys;
 * callers (plugins) own their prefixes. S3 failures become AtollErrors (404, 409, 413, 503), never
 * raw AWS text. `null` means "no such object" where that is an expected answer.
 *
 * @example
 * if (!(await ctx.storage.head(key))) throw notFound(JobsErrorCode.RESULT_NOT_FOUND, `The job has no result file "${name}"`);
 * return ctx.storage.presignGet(key, { expiresIn, filename: name });
 */
export class ObjectStorage {
  constructor(
    private readonly client: S3Client,
    readonly bucket: string,
  ) {}

  // No request transaction stays open across a call to S3: what the request wrote so far commits first.
  private async s3(): Promise<S3Client> {
    await currentUnitOfWork()?.commit();
    return this.client;
  }

  async head(key: string): Promise<ObjectInfo | null> {
    try {
      const out = await (await this.s3()).send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { key, size: out.ContentLength ?? 0, etag: out.ETag, lastModified: out.LastModified, contentType: out.ContentType };
    } catch (error) {
      return missing(error) ? null : Promise.reject(toStorageError(error));
    }
  }

  /** Streams an object, or the byte range given as an HTTP `Range` header value. */
  async get(key: string, options: { range?: string } = {}): Promise<ObjectBody | null> {
    try {
      const out = await (await this.s3()).send(new GetObjectCommand({ Bucket: this.bucket, Key: key, ...(options.range ? { Range: options.range } : {}) }));
      return {
        key,
        body: out.Body!.transformToWebStream() as ReadableStream<Uint8Array>,
        status: out.ContentRange ? 206 : 200,
        contentRange: out.ContentRange,
        contentLength: out.ContentLength ?? 0,
        size: out.ContentRange ? Number(out.ContentRange.split('/')[1] ?? out.ContentLength) : (out.ContentLength ?? 0),
        etag: out.ETag,
        lastModified: out.LastModified,
        contentType: out.ContentType,
      };
    } catch (error) {
      return missing(error) ? null : Promise.reject(toStorageError(error));
    }
  }

  /** Writes an object; with a stream body `contentLength` is required (S3 needs it up front). */
  async put(key: string, body: Uint8Array | string | ReadableStream<Uint8Array>, options: { contentType?: string; contentLength?: number } = {}): Promise<{ etag: string | undefined }> {
    try {
      const out = await (await this.s3()).send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: body,
          ...(options.contentType ? { ContentType: options.contentType } : {}),
          ...(options.contentLength !== undefined ? { ContentLength: options.contentLength } : {}),
        }),
      );
      return { etag: out.ETag };
    } catch (error) {
      throw toStorageError(error);
    }
  }

  /**
   * Writes a stream of unknown length, holding at most one 5 MiB part in memory: a body that ends
   * within the first part is one PutObject, a longer one a multipart upload (aborted on failure).
   * An error from the stream (e.g. a size limit) aborts the upload and is rethrown as is.
   */
  async upload(key: string, body: ReadableStream<Uint8Array>, options: { contentType?: string } = {}): Promise<{ etag: string | undefined; size: number }> {
    const reader = body.getReader();
    const contentType = options.contentType ? { ContentType: options.contentType } : {};
    const nextPart = partsOf(reader, UPLOAD_PART_BYTES);
    let uploadId: string | undefined;
    try {
      let part = await nextPart();
      if (part.done) {
        const { etag } = await this.put(key, part.bytes, { ...options, contentLength: part.bytes.length });
        return { etag, size: part.bytes.length };
      }
      const created = await (await this.s3()).send(new CreateMultipartUploadCommand({ Bucket: this.bucket, Key: key, ...contentType }));
      uploadId = created.UploadId!;
      const parts: { ETag: string | undefined; PartNumber: number }[] = [];
      let size = 0;
      for (;;) {
        const PartNumber = parts.length + 1;
        const out = await (await this.s3()).send(new UploadPartCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId, PartNumber, Body: part.bytes, ContentLength: part.bytes.length }));
        parts.push({ ETag: out.ETag, PartNumber });
        size += part.bytes.length;
        if (part.done) break;
        part = await nextPart();
        if (part.bytes.length === 0) break;
      }
      const done = await (await this.s3()).send(new CompleteMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId, MultipartUpload: { Parts: parts } }));
      return { etag: done.ETag, size };
    } catch (error) {
      await reader.cancel().catch(() => {});
      // Best effort: some S3 implementations (s3rver) cannot abort; lifecycle rules clean up there.
      if (uploadId) await (await this.s3()).send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId })).catch(() => {});
      throw toStorageError(error);
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await (await this.s3()).send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
    } catch (error) {
      if (!missing(error)) throw toStorageError(error);
    }
  }

  /** Deletes any number of keys, 1,000 per request (the S3 limit). Returns the keys it could not delete. */
  async deleteMany(keys: readonly string[]): Promise<{ failed: string[] }> {
    const failed: string[] = [];
    for (let i = 0; i < keys.length; i += 1000) {
      const batch = keys.slice(i, i + 1000);
      try {
        const out = await (await this.s3()).send(new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } }));
        for (const e of out.Errors ?? []) if (e.Key) failed.push(e.Key);
      } catch (error) {
        throw toStorageError(error);
      }
    }
    return { failed };
  }

  /**
   * One page of keys under `prefix`; with `delimiter: '/'` sub-folders come back as `prefixes`.
   * Pages with ListObjects' `Marker` (the last key or folder returned), which AWS, R2, MinIO and
   * s3rver all support (s3rver cannot mint ListObjectsV2 continuation tokens on Node 20+).
   */
  async list(options: { prefix: string; delimiter?: string; cursor?: string; limit?: number }): Promise<ListResult> {
    const startAfter = options.cursor ? decodeCursor(options.cursor, options.prefix) : undefined;
    try {
      const out = await (await this.s3()).send(
        new ListObjectsCommand({
          Bucket: this.bucket,
          Prefix: options.prefix,
          ...(options.delimiter ? { Delimiter: options.delimiter } : {}),
          ...(startAfter ? { Marker: startAfter } : {}),
          MaxKeys: Math.min(Math.max(options.limit ?? 1000, 1), 1000),
        }),
      );
      // S3 returns only what sorts after the marker; some implementations (s3rver) also repeat
      // folders before it, so keep to the contract here.
      const after = (key: string) => !startAfter || key > startAfter;
      const objects = (out.Contents ?? []).filter((o) => o.Key && after(o.Key)).map((o) => ({ key: o.Key!, size: o.Size ?? 0, etag: o.ETag, lastModified: o.LastModified }));
      const prefixes = (out.CommonPrefixes ?? []).map((p) => p.Prefix!).filter((p) => p && after(`${p}\u{10FFFF}`));
      // After a folder, skip everything inside it: the highest code point sorts after any real key.
      const last = [...objects.map((o) => o.key), ...prefixes.map((p) => `${p}\u{10FFFF}`)].sort().at(-1);
      return { objects, prefixes, nextCursor: out.IsTruncated && last ? encodeCursor(last) : undefined };
    } catch (error) {
      throw toStorageError(error);
    }
  }

  /** Every key under `prefix`, page by page (for recursive deletes and copies). */
  async *listAll(prefix: string): AsyncGenerator<ObjectInfo> {
    let cursor: string | undefined;
    do {
      const page = await this.list({ prefix, ...(cursor ? { cursor } : {}) });
      yield* page.objects;
      cursor = page.nextCursor;
    } while (cursor);
  }

  async copy(fromKey: string, toKey: string): Promise<void> {
    try {
      await (await this.s3()).send(new CopyObjectCommand({ Bucket: this.bucket, Key: toKey, CopySource: `${this.bucket}/${fromKey.split('/').map(encodeURIComponent).join('/')}` }));
    } catch (error) {
      throw toStorageError(error);
    }
  }

  /** A time-limited download URL (at most 7 days), optionally naming the downloaded file. */
  presignGet(key: string, options: { expiresIn: number; filename?: string }): Promise<string> {
    const disposition = options.filename ? `attachment; filename*=UTF-8''${encodeURIComponent(options.filename)}` : undefined;
    return getSignedUrl(this.client, new GetObjectCommand({ Bucket: this.bucket, Key: key, ...(disposition ? { ResponseContentDisposition: disposition } : {}) }), {
      expiresIn: Math.min(options.expiresIn, MAX_PRESIGN_SECONDS),
    });
  }

  /**
   * A time-limited upload URL for exactly `contentLength` bytes: the length (and content type) are
   * signed, so the client must send what it declared. Returns the headers it must send.
   */
  async presignPut(key: string, options: { expiresIn: number; contentLength: number; contentType?: string }): Promise<{ url: string; headers: Record<string, string> }> {
    const headers: Record<string, string> = { 'content-length': String(options.contentLength) };
    if (options.contentType) headers['content-type'] = options.contentType;
    const url = await getSignedUrl(
      this.client,
      new PutObjectCommand({ Bucket: this.bucket, Key: key, ContentLength: options.contentLength, ...(options.contentType ? { ContentType: options.contentType } : {}) }),
      { expiresIn: Math.min(options.expiresIn, MAX_PRESIGN_SECONDS), signableHeaders: new Set(Object.keys(headers)) },
    );
    return { url, headers };
  }
}

/** Cuts a stream into parts of `size` bytes (the last may be shorter); `done` once the stream ended. */
function partsOf(reader: ReadableStreamDefaultReader<Uint8Array>, size: number) {
  let carry: Uint8Array | undefined;
  return async function next(): Promise<{ bytes: Uint8Array; done: boolean }> {
    const buffer = new Uint8Array(size);
    let filled = 0;
    for (;;) {
      const chunk = carry ?? (await reader.read()).value;
      carry = undefined;
      if (chunk === undefined) return { bytes: buffer.subarray(0, filled), done: true };
      const room = size - filled;
      buffer.set(chunk.subarray(0, room), filled);
      filled += Math.min(room, chunk.length);
      if (chunk.length > room) carry = chunk.subarray(room);
      if (filled === size) return { bytes: buffer, done: false };
    }
  };
}

const encodeCursor = (key: string) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(key)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

/**
 * A cursor from a client; anything that is not one of ours for this very prefix is refused (400),
 * never passed to S3 (which would answer a 4xx that would surface as a storage outage).
 */
function decodeCursor(cursor: string, prefix: string): string {
  try {
    if (!/^[A-Za-z0-9_-]{1,2000}$/.test(cursor)) throw new Error('shape');
    const bytes = Uint8Array.from(atob(cursor.replace(/-/g, '+').replace(/_/g, '/')), (ch) => ch.charCodeAt(0));
    const key = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    if (!key.startsWith(prefix) || /[\u0000-\u001f\u007f]/.test(key)) throw new Error('foreign');
    return key;
  } catch {
    throw new AtollError('validation', 'KERNEL_STORAGE_BAD_CURSOR', 'The cursor is not valid', { errors: [{ location: 'query', path: 'cursor', message: 'Not a cursor from this API' }] });
  }
}

function missing(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
}
