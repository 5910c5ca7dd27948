import { invalidCursor } from '../errors';

/** Where a page of jobs ends: the last job's `created_at` (microseconds, UTC) and id. */
export interface JobCursor {
  createdAt: string;
  id: string;
}

const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Opaque cursors: base64url JSON `[createdAt, id]`. */
export function encodeCursor(c: JobCursor): string {
  return btoa(JSON.stringify([c.createdAt, c.id])).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The cursor's position, or a 400 `JOBS_INVALID_CURSOR` for anything not minted here. */
export function decodeCursor(cursor: string): JobCursor {
  let parts: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw new Error('shape');
    parts = JSON.parse(atob(cursor.replace(/-/g, '+').replace(/_/g, '/')));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(parts) || parts.length !== 2) throw invalidCursor();
  const [createdAt, id] = parts as unknown[];
  if (typeof createdAt !== 'string' || typeof id !== 'string' || !TIME.test(createdAt) || !UUID.test(id)) throw invalidCursor();
  return { createdAt, id };
}
