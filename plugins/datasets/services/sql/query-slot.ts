import { type Database, limitExceeded } from 'atoll/plugin';
import { type SQL, sql } from 'drizzle-orm';

/** The advisory lock key (bigint) of slot `slot` (1..max) of a tenant's read-only SQL queries. */
export const querySlotKey = (tenantId: string, slot: SQL | number): SQL => sql`hashtextextended(${`datasets.sql|${tenantId}|`} || ${slot}, 0)`;

/**
 * Takes one of the tenant's `max` query slots for the rest of the transaction, or refuses with 429
 * `DATASETS_SQL_CONCURRENCY_LIMITED` (Retry-After 1 s) when all are taken. A slot is a
 * transaction-level advisory lock on one of `max` keys of the tenant, tried in turn without
 * waiting: Postgres releases it when the query's transaction (or savepoint) ends however it ends,
 * a crashed Worker's with its connection, and it needs nothing but the database every query uses.
 * The reader cannot touch the keys (the first wall refuses every `pg_*` function; 64-bit keys in
 * their own namespace). Returns the slot's number.
 *
 * @example
 * await takeQuerySlot(tx, tenantId, 4); // 1..4
 */
export async function takeQuerySlot(tx: Database, tenantId: string, max: number): Promise<number> {
  // LIMIT 1 stops at the first lock taken: the other slots are not even tried.
  const result = await tx.execute(sql`select s from generate_series(1, ${max}::int) as s where pg_try_advisory_xact_lock(${querySlotKey(tenantId, sql`s`)}) limit 1`);
  const slot = (result.rows[0] as { s: number } | undefined)?.s;
  if (slot === undefined) throw limitExceeded('DATASETS_SQL_CONCURRENCY_LIMITED', `At most ${max} SQL queries of a tenant run at once; try again when one has finished`, 1);
  return Number(slot);
}
