import { CURSOR_PARTS, containsPattern, type Database, decodeCursor, encodeCursor, runInTenant } from 'atoll/plugin';
import { and, desc, eq, getTableColumns, ilike, sql } from 'drizzle-orm';
import { type DatasetKind, type DatasetRow, type DatasetStatus, datasets } from '../db/schema';
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

const createdKey = sql<string>`to_char(${datasets.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** A page of the tenant's datasets, newest first (ties broken by id), optionally filtered by status, kind and name. */
export async function listDatasets({ ctx, input }: { ctx: { db: Database }; input: ListDatasetsInput }): Promise<{ items: DatasetRow[]; nextCursor: string | null }> {
  const after = input.cursor ? decodeCursor(input.cursor, [CURSOR_PARTS.time, CURSOR_PARTS.uuid]) : undefined;
  if (after === null) throw invalidCursor();
  const rows = await runInTenant(ctx.db, input.tenantId, (tx) =>
    tx
      .select({ ...getTableColumns(datasets), createdKey })
      .from(datasets)
      .where(
        and(
          input.status ? eq(datasets.status, input.status) : undefined,
          input.kind ? eq(datasets.kind, input.kind) : undefined,
          input.nameContains ? ilike(datasets.name, containsPattern(input.nameContains)) : undefined,
          after ? sql`(${datasets.createdAt}, ${datasets.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : undefined,
        ),
      )
      .orderBy(desc(datasets.createdAt), desc(datasets.id))
      .limit(input.limit + 1),
  );
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return {
    items: items.map(({ createdKey: _, ...row }) => row),
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.createdKey, last.id]) : null,
  };
}
