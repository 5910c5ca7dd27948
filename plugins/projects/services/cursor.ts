import { CURSOR_PARTS, decodeCursor as decodeParts, encodeCursor as encodeParts } from 'atoll/plugin';
import { invalidCursor } from '../errors';

export const PROJECT_SORTS = ['name', 'updatedAt'] as const;
export const SORT_ORDERS = ['asc', 'desc'] as const;
export type ProjectSort = (typeof PROJECT_SORTS)[number];
export type SortOrder = (typeof SORT_ORDERS)[number];

/** Where a page ends, and the sort it was taken in: the next page continues in that same sort. */
export interface ProjectCursor {
  sort: ProjectSort;
  order: SortOrder;
  /** The last row's sort key: its lower-cased name, or its `updated_at` with microseconds. */
  key: string;
  id: string;
}

const SORT = /^(name|updatedAt)$/;
const ORDER = /^(asc|desc)$/;

/** Opaque cursors: `[sort, order, key, id]`. */
export const encodeCursor = (c: ProjectCursor): string => encodeParts([c.sort, c.order, c.key, c.id]);

/** The cursor's position and sort, or a 400 `PROJECTS_INVALID_CURSOR` for anything not minted here. */
export function decodeCursor(cursor: string): ProjectCursor {
  const parts = decodeParts(cursor, [SORT, ORDER, CURSOR_PARTS.name, CURSOR_PARTS.uuid]);
  if (!parts) throw invalidCursor();
  const [sort, order, key, id] = parts as [ProjectSort, SortOrder, string, string];
  if (sort === 'updatedAt' && !CURSOR_PARTS.time.test(key)) throw invalidCursor();
  return { sort, order, key, id };
}
