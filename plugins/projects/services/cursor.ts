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

const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Opaque cursors: base64url JSON `[sort, order, key, id]`. */
export function encodeCursor(c: ProjectCursor): string {
  const bytes = new TextEncoder().encode(JSON.stringify([c.sort, c.order, c.key, c.id]));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The cursor's position and sort, or a 400 `PROJECTS_INVALID_CURSOR` for anything not minted here. */
export function decodeCursor(cursor: string): ProjectCursor {
  let parts: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw new Error('shape');
    const bytes = Uint8Array.from(atob(cursor.replace(/-/g, '+').replace(/_/g, '/')), (ch) => ch.charCodeAt(0));
    parts = JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(parts) || parts.length !== 4 || !parts.every((p) => typeof p === 'string')) throw invalidCursor();
  const [sort, order, key, id] = parts as string[];
  if (!PROJECT_SORTS.includes(sort as ProjectSort) || !SORT_ORDERS.includes(order as SortOrder) || !UUID.test(id!)) throw invalidCursor();
  if (sort === 'updatedAt' ? !TIME.test(key!) : key!.length > 200) throw invalidCursor();
  return { sort: sort as ProjectSort, order: order as SortOrder, key: key!, id: id! };
}
