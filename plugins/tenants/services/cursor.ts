import { decodeCursor, encodeCursor } from 'atoll/plugin';
import { type AnyColumn, type SQL, sql } from 'drizzle-orm';
import { invalidCursor } from '../errors';

/** A tenant slug as `SlugSchema` allows it, the sort key of the user's tenant list. */
export const SLUG_PART = /^[a-z0-9][a-z0-9-]{1,62}$/;

/** The sort key in `cursor`, each part matching its pattern in `shape`, or a 400 `TENANTS_INVALID_CURSOR`. */
export function readCursor(cursor: string, shape: readonly RegExp[]): string[] {
  const parts = decodeCursor(cursor, shape);
  if (!parts) throw invalidCursor();
  return parts;
}

/** A timestamp with its full microsecond precision (JS dates stop at milliseconds), for cursors. */
export const preciseTime = (column: AnyColumn): SQL<string> => sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** Splits `limit + 1` fetched rows into a page and the cursor of its last row. */
export function pageOf<T>(rows: T[], limit: number, keyOf: (row: T) => string[]): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}
