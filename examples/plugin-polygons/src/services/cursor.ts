import { CURSOR_PARTS, decodeCursor, encodeCursor } from 'atoll/plugin';
import { type SQL, sql } from 'atoll/plugin/db';
import { invalidCursor } from '../errors';

/** Where a page of a list in creation order ends: the last row's `created_at` (microseconds kept) and id. */
export interface CreatedCursor {
  time: string;
  id: string;
}

/** The position a cursor names, nothing for no cursor, or a 400 `POLYGONS_INVALID_CURSOR` for one not made here. */
export function readCursor(cursor: string | undefined): CreatedCursor | undefined {
  if (cursor === undefined) return undefined;
  const parts = decodeCursor(cursor, [CURSOR_PARTS.time, CURSOR_PARTS.uuid]);
  if (!parts) throw invalidCursor();
  return { time: parts[0]!, id: parts[1]! };
}

/** The cursor after `row`, whose `timeKey` was selected with `timeKeyOf`. */
export const writeCursor = (row: { timeKey: string; id: string }): string => encodeCursor([row.timeKey, row.id]);

/** A timestamp as cursors hold it: UTC with microseconds, so no two rows' keys collapse. */
export const timeKeyOf = (column: unknown): SQL<string> => sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * A page of `limit` from `limit + 1` rows fetched in order: the next cursor exists only when the
 * extra row does.
 */
export function pageOf<Row extends { timeKey: string; id: string }>(rows: Row[], limit: number) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items: items.map(({ timeKey: _, ...item }) => item), nextCursor: rows.length > limit && last ? writeCursor(last) : null };
}
