import type { ObjectStorage } from 'atoll/plugin';

/**
 * Names (path segments) longer than this are stored under a hashed form. The API allows 255-byte
 * names, but the local S3 (s3rver) keeps each segment as a file name plus ~22 characters, and
 * Linux file names end at 255 bytes: a longer name half-wrote the object and broke listing.
 */
export const LONG_NAME_BYTES = 200;
/** Bytes of the name kept readable in front of the hash (sorting and debugging stay sensible). */
const HEAD_BYTES = 100;
// Clients can never send a backslash (parsePath refuses it), so it marks a hashed name unambiguously.
const MARK = '\\';
const HASHED = /^[^\\]*\\([0-9a-f]{64})$/;

const encoder = new TextEncoder();

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', encoder.encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The first `max` bytes of `text`, cut at a character boundary. */
function headOf(text: string, max: number): string {
  let out = '';
  let bytes = 0;
  for (const char of text) {
    bytes += encoder.encode(char).length;
    if (bytes > max) break;
    out += char;
  }
  return out;
}

const isLong = (segment: string) => encoder.encode(segment).length > LONG_NAME_BYTES;

/** `head\<sha256 of the whole name>` for a long name, else the name itself. */
export async function encodeSegment(segment: string): Promise<string> {
  return isLong(segment) ? `${headOf(segment, HEAD_BYTES)}${MARK}${await sha256(segment)}` : segment;
}

export async function encodePath(path: string): Promise<string> {
  return (await Promise.all(path.split('/').map(encodeSegment))).join('/');
}

/** The hash in a stored segment, when it is a hashed long name. */
export const hashOf = (segment: string) => HASHED.exec(segment)?.[1];

/** The real name of a stored segment; a hashed one whose record is missing keeps its stored form. */
export const decodeSegment = (segment: string, lookup: (hash: string) => string | undefined) => {
  const hash = hashOf(segment);
  return (hash && lookup(hash)) ?? segment;
};

/** Where a tenant's long names are recorded: outside `files/`, so listings never show them. */
const recordKey = (tenantId: string, hash: string) => `tenants/${tenantId}/file-names/${hash}`;

/**
 * Records the full form of each long name in `path` (one small object per name, keyed by its hash,
 * so writing it again is harmless); call before storing an object under the path's key.
 */
export async function rememberNames(storage: ObjectStorage, tenantId: string, path: string): Promise<void> {
  const long = path.split('/').filter(isLong);
  await Promise.all(long.map(async (name) => storage.put(recordKey(tenantId, await sha256(name)), name, { contentType: 'text/plain; charset=utf-8' })));
}

/** The full names of the hashed segments in `keys`, by hash (one read per distinct name). */
export async function lookupNames(storage: ObjectStorage, tenantId: string, keys: readonly string[]): Promise<(hash: string) => string | undefined> {
  const hashes = new Set(
    keys.flatMap((key) =>
      key
        .split('/')
        .map(hashOf)
        .filter((h): h is string => h !== undefined),
    ),
  );
  const names = new Map<string, string>();
  await Promise.all(
    [...hashes].map(async (hash) => {
      const object = await storage.get(recordKey(tenantId, hash));
      if (object) names.set(hash, await new Response(object.body).text());
    }),
  );
  return (hash) => names.get(hash);
}
