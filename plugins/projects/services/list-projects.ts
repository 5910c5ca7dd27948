import { containsPattern, type Database, runInTenant } from 'atoll/plugin';
import { and, asc, desc, getTableColumns, type SQL, sql } from 'drizzle-orm';
import { projects } from '../db/schema';
import { invalidCursor } from '../errors';
import { decodeCursor, encodeCursor, type ProjectCursor, type ProjectSort, type SortOrder } from './cursor';

export interface ListProjectsInput {
  tenantId: string;
  limit: number;
  cursor?: string | undefined;
  /** Name substring, ignoring case. */
  q?: string | undefined;
  /** Default `name`; with a cursor, the cursor's sort applies and a different one is refused. */
  sort?: ProjectSort | undefined;
  /** Default `asc` for `name`, `desc` for `updatedAt`. */
  order?: SortOrder | undefined;
}

const sortKey = (sort: ProjectSort): SQL<string> =>
  sort === 'name' ? sql<string>`lower(${projects.name})` : sql<string>`to_char(${projects.updatedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const sortColumn = (sort: ProjectSort): SQL => (sort === 'name' ? sql`lower(${projects.name})` : sql`${projects.updatedAt}`);

/** A page of the tenant's projects, keyset-paginated in a stable sort (ties broken by id). */
export async function listProjects({ ctx, input }: { ctx: { db: Database }; input: ListProjectsInput }) {
  const after = input.cursor ? decodeCursor(input.cursor) : undefined;
  if (after && ((input.sort && input.sort !== after.sort) || (input.order && input.order !== after.order))) {
    throw invalidCursor('The cursor belongs to another sort; drop sort/order or start again without a cursor');
  }
  const sort = after?.sort ?? input.sort ?? 'name';
  const order = after?.order ?? input.order ?? (sort === 'name' ? 'asc' : 'desc');
  const column = sortColumn(sort);
  const position = after
    ? sort === 'name'
      ? sql`(${column}, ${projects.id}) ${sql.raw(order === 'asc' ? '>' : '<')} (${after.key}, ${after.id}::uuid)`
      : sql`(${column}, ${projects.id}) ${sql.raw(order === 'asc' ? '>' : '<')} (${after.key}::timestamptz, ${after.id}::uuid)`
    : undefined;
  const filter = input.q ? sql`${projects.name} ilike ${containsPattern(input.q)}` : undefined;
  const direction = order === 'asc' ? asc : desc;
  const rows = await runInTenant(ctx.db, input.tenantId, (tx) =>
    tx
      .select({ ...getTableColumns(projects), sortKey: sortKey(sort) })
      .from(projects)
      .where(and(filter, position))
      .orderBy(direction(column), direction(projects.id))
      .limit(input.limit + 1),
  );
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  const next: ProjectCursor | undefined = rows.length > input.limit && last ? { sort, order, key: last.sortKey, id: last.id } : undefined;
  return { items: items.map(({ sortKey: _, ...project }) => project), nextCursor: next ? encodeCursor(next) : null, sort, order };
}
