import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { invalidCursor } from '../errors';

/** Opaque keyset cursors: base64url JSON of the last row's sort key. */
export function encodeCursor(parts: readonly string[]): string {
  return btoa(JSON.stringify(parts)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The sort key in `cursor`, or a 400 `TENANTS_INVALID_CURSOR` when it is not one of ours. */
export function decodeCursor(cursor: string, length: number, pattern: RegExp[] = []): string[] {
  let parts: unknown;
  try {
    parts = JSON.parse(atob(cursor.replace(/-/g, '+').replace(/_/g, '/')));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(parts) || parts.length !== length || !parts.every((p, i) => typeof p === 'string' && (pattern[i]?.test(p) ?? true))) {
    throw invalidCursor();
  }
  return parts as string[];
}

/** A timestamp with its full microsecond precision (JS dates stop at milliseconds), for cursors. */
export const preciseTime = (column: AnyColumn): SQL<string> => sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export const TIME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Splits `limit + 1` fetched rows into a page and the cursor of its last row. */
export function pageOf<T>(rows: T[], limit: number, keyOf: (row: T) => string[]): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}
