import { isWellFormedText, NOT_WELL_FORMED } from 'atoll/plugin';
import { invalidPath } from '../errors';

/**
 * File paths as clients send them, relative to the tenant's root: `reports/2024/q1.csv`. This is
 * the one place they are checked; keys are built from the result only (see keys.ts), so nothing
 * a client sends can leave the tenant's prefix.
 */

/** S3 keys are at most 1,024 bytes; the tenant prefix (`tenants/<uuid>/files/`) takes 51. */
export const MAX_PATH_BYTES = 900;
const MAX_SEGMENT_BYTES = 255;
// C0 and C1 controls, DEL, and the Unicode line/paragraph separators.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

export type PathKind = 'file' | 'folder' | 'prefix';

interface Where {
  /** Where the value came from (query, body) and its field name, for the 400's errors[]. */
  location: string;
  field: string;
}

/**
 * A normalised path (NFC). `file`: no trailing slash. `folder`: returned with one trailing slash
 * (`a/b/`; the root is not a folder). `prefix`: may be empty or end in a slash (list filters).
 * Throws a 400 naming the field for `..`, `.`, absolute paths, backslashes, control characters,
 * ill-formed Unicode (lone surrogates), empty segments (`a//b`) and over-long paths or names.
 */
export function parsePath(raw: unknown, kind: PathKind, where: Where): string {
  const fail = (message: string) => invalidPath(where.location, where.field, message);
  if (typeof raw !== 'string') throw fail('Must be a string');
  if (!isWellFormedText(raw)) throw fail(NOT_WELL_FORMED);
  const value = raw.normalize('NFC');
  if (value === '') {
    if (kind === 'prefix') return '';
    throw fail('Must not be empty');
  }
  if (CONTROL.test(value)) throw fail('Must not contain control characters');
  if (value.includes('\\')) throw fail('Must not contain backslashes; use / between folders');
  if (value.startsWith('/')) throw fail('Must be relative (no leading /)');
  if (new TextEncoder().encode(value).length > MAX_PATH_BYTES) throw fail(`Must be at most ${MAX_PATH_BYTES} bytes`);
  const trailing = value.endsWith('/');
  if (trailing && kind === 'file') throw fail('A file path must not end with /');
  const segments = (trailing ? value.slice(0, -1) : value).split('/');
  for (const segment of segments) {
    if (segment === '') throw fail('Must not contain empty segments (//)');
    if (isDotSegment(segment)) throw fail('Must not contain . or .. segments');
    if (new TextEncoder().encode(segment).length > MAX_SEGMENT_BYTES) throw fail(`Each name must be at most ${MAX_SEGMENT_BYTES} bytes`);
  }
  if (kind === 'folder') return trailing ? value : `${value}/`;
  return value;
}

/** `.` and `..`, also percent-encoded (`%2e%2E`), in case anything downstream decodes again. */
function isDotSegment(segment: string): boolean {
  const decoded = segment.replace(/%2e/gi, '.');
  return decoded === '.' || decoded === '..';
}

/** The last name of a path: `a/b/c.txt` → `c.txt`, `a/b/` → `b`. */
export const baseName = (path: string) => path.replace(/\/$/, '').split('/').at(-1) ?? path;

/** Joins a folder (`a/b/` or '') and a name, then checks the result as a file path. */
export const joinPath = (folder: string, name: string, where: Where) => parsePath(`${folder}${name}`, 'file', where);
