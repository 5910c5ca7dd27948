import { and, desc, eq, getTableColumns, ilike, sql } from 'drizzle-orm';
import { containsPattern, runInTenant, type Database } from 'atoll/plugin';
import { datasets, type DatasetKind, type DatasetRow, type DatasetStatus } from '../db/schema';
import { invalidCursor } from '../errors';

export interface ListDatasetsInput {
  tenantId: string;
  limit: number;
  cursor?: string | undefined;
  status?: DatasetStatus | undefined;
  kind?: DatasetKind | undefined;
  /** Names containing this, ignoring case (`%` and `_` literal). */
  nameContains?: string | undefined;
}

const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Opaque cursor: base64url of `<created_at with microseconds>|<id>`. */
export const encodeCursor = (createdAt: string, id: string) => btoa(`${createdAt}|${id}`).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

export function decodeCursor(cursor: string): { createdAt: string; id: string } {
  let text: string;
  try {
    if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) throw new Error('shape');
    text = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    throw invalidCursor();
  }
  const [createdAt, id] = text.split('|');
  if (!createdAt || !id || !TIME.test(createdAt) || !UUID.test(id)) throw invalidCursor();
  return { createdAt, id };
}

const createdKey = sql<string>`to_char(${datasets.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** A page of the tenant's datasets, newest first (ties broken by id), optionally filtered by status, kind and name. */
export async function listDatasets({ ctx, input }: { ctx: { db: Database }; input: ListDatasetsInput }): Promise<{ items: DatasetRow[]; nextCursor: string | null }> {
  const after = input.cursor ? decodeCursor(input.cursor) : undefined;
  const rows = await runInTenant(ctx.db, input.tenantId, (tx) =>
    tx
      .select({ ...getTableColumns(datasets), createdKey })
      .from(datasets)
      .where(
        and(
          input.status ? eq(datasets.status, input.status) : undefined,
          input.kind ? eq(datasets.kind, input.kind) : undefined,
          input.nameContains ? ilike(datasets.name, containsPattern(input.nameContains)) : undefined,
          after ? sql`(${datasets.createdAt}, ${datasets.id}) < (${after.createdAt}::timestamptz, ${after.id}::uuid)` : undefined,
        ),
      )
      .orderBy(desc(datasets.createdAt), desc(datasets.id))
      .limit(input.limit + 1),
  );
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return {
    items: items.map(({ createdKey: _, ...row }) => row),
    nextCursor: rows.length > input.limit && last ? encodeCursor(last.createdKey, last.id) : null,
  };
}
