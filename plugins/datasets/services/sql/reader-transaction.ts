import { sql } from 'drizzle-orm';
import { runInTenant, type Database } from 'atoll/plugin';

/** The role read-only SQL runs under (migrations/0003): it reads the granted tenant's dataset rows only. */
export const READER_ROLE = 'atoll_sql_reader';

class Rollback<T> {
  constructor(readonly value: T) {}
}

/** Switches the transaction to the reader role, read-only, with the timeout; again before each statement. */
export type EnterReader = () => Promise<void>;

/**
 * Runs `fn` in a transaction of `tenantId` that is always rolled back. `fn` may read as the app
 * first (e.g. the tenant's datasets), then calls `enter()`: that grants the tenant to this
 * transaction (a row keyed by the transaction id, never committed), pins the time zone and string
 * syntax, sets the statement timeout, switches to the reader role and makes the transaction
 * read-only. Calling `enter()` again re-asserts the role before another statement.
 *
 * @example
 * const rows = await inReaderTransaction(db, tenantId, 5000, async (tx, enter) => { await enter(); return tx.execute(sql`select 1`); });
 */
export async function inReaderTransaction<T>(db: Database, tenantId: string, timeoutMs: number, fn: (tx: Database, enter: EnterReader) => Promise<T>): Promise<T> {
  try {
    await runInTenant(db, tenantId, async (tx) => {
      let entered = false;
      const enter = async () => {
        if (!entered) {
          await tx.execute(sql`insert into datasets_sql_grants (xid, tenant_id) values (pg_current_xact_id(), ${tenantId})`);
          await tx.execute(sql`select set_config('statement_timeout', ${String(timeoutMs)}, true), set_config('TimeZone', 'UTC', true), set_config('standard_conforming_strings', 'on', true), set_config('search_path', 'pg_catalog', true)`);
          entered = true;
        }
        // Belt and braces: re-assert role, read-only and tenant before every statement of the run.
        await tx.execute(sql.raw(`set local role ${READER_ROLE}`));
        await tx.execute(sql.raw('set transaction read only'));
        await tx.execute(sql`select set_config('atoll.tenant_id', ${tenantId}, true)`);
      };
      throw new Rollback(await fn(tx, enter));
    });
  } catch (error) {
    if (error instanceof Rollback) return error.value as T;
    throw error;
  }
  throw new Error('unreachable: the reader transaction always rolls back');
}
