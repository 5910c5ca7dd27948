import { and, asc, eq, ilike, sql } from 'drizzle-orm';
import { runInTenant, type Database } from 'atoll/plugin';
import { dashboards } from '../db/schema';
import { invalidCursor } from '../errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const encode = (key: string, id: string) => {
  const bytes = new TextEncoder().encode(JSON.stringify([key, id]));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

function decode(cursor: string): [string, string] {
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw new Error('shape');
    const bytes = Uint8Array.from(atob(cursor.replace(/-/g, '+').replace(/_/g, '/')), (ch) => ch.charCodeAt(0));
    const parts: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes));
    if (Array.isArray(parts) && parts.length === 2 && typeof parts[0] === 'string' && parts[0].length <= 200 && typeof parts[1] === 'string' && UUID.test(parts[1])) return [parts[0], parts[1]];
  } catch {
    // falls through to the 400 below
  }
  throw invalidCursor();
}

/** The tenant's dashboards by name (ignoring case), keyset-paginated; `q` matches a name substring. */
export async function listDashboards({ ctx, input }: { ctx: { db: Database }; input: { tenantId: string; limit: number; cursor?: string | undefined; q?: string | undefined } }) {
  const after = input.cursor ? decode(input.cursor) : null;
  const lowerName = sql<string>`lower(${dashboards.name})`;
  const rows = await runInTenant(ctx.db, input.tenantId, (tx) =>
    tx
      .select({ row: dashboards, key: lowerName })
      .from(dashboards)
      .where(
        and(
          eq(dashboards.tenantId, input.tenantId),
          input.q ? ilike(dashboards.name, `%${input.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`) : undefined,
          after ? sql`(${lowerName}, ${dashboards.id}) > (${after[0]}, ${after[1]}::uuid)` : undefined,
        ),
      )
      .orderBy(asc(lowerName), asc(dashboards.id))
      .limit(input.limit + 1),
  );
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return { items: page.map((r) => r.row), nextCursor: rows.length > input.limit && last ? encode(last.key, last.row.id) : null };
}
