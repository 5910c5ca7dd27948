import type { Database } from 'atoll/plugin';
import { inArray, sql } from 'drizzle-orm';
import { artifacts } from '../db/schema';
import { lineageCycle, sourcesNotFound } from '../errors';

/**
 * Checks lineage inside a tenant-bound transaction: every source must be an artifact of the same
 * tenant (RLS hides the others, so they count as unknown), and `self` must not be among the sources'
 * ancestors (no cycles).
 */
export async function checkSources(tx: Database, sources: readonly string[], self?: string): Promise<void> {
  if (sources.length === 0) return;
  if (self && sources.includes(self)) throw lineageCycle();
  const found = await tx
    .select({ id: artifacts.id })
    .from(artifacts)
    .where(inArray(artifacts.id, [...sources]));
  const known = new Set(found.map((r) => r.id));
  const missing = sources.filter((id) => !known.has(id));
  if (missing.length > 0) throw sourcesNotFound(missing);
  if (!self) return;
  const ids = sql.join(
    sources.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const result = await tx.execute(sql`
    with recursive ancestors(id) as (
      select unnest(array[${ids}])
      union
      select unnest(a.source_artifact_ids) from artifacts a join ancestors on a.id = ancestors.id
    )
    select 1 as hit from ancestors where id = ${self}::uuid limit 1`);
  if (result.rows.length > 0) throw lineageCycle();
}
