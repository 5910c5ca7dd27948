import { type Database, runInTenant } from 'atoll/plugin';
import { sql } from 'drizzle-orm';

/** The role read-only SQL runs under (migrations/0003): it reads the granted tenant's dataset rows only. */
export const READER_ROLE = 'atoll_sql_reader';

class Rollback<T> {
  constructor(readonly value: T) {}
}

/** Switches the transaction to the reader role, read-only, with the timeout; again before each statement. */
export type EnterReader = () => Promise<void>;

/** The settings a reader transaction runs under (see `SqlBounds`). */
export interface ReaderSettings {
  timeoutMs: number;
  workMemKb: number;
  tempFileLimitKb: number;
}

/**
 * Runs `fn` in a transaction of `tenantId` that is always rolled back. `fn` may read as the app
 * first (e.g. the tenant's datasets), then calls `enter()`: that grants the tenant to this
 * transaction (a row keyed by the transaction id, never committed), pins the time zone and string
 * syntax, sets the statement timeout and `work_mem` (and `temp_file_limit` where the role may),
 * switches to the reader role and makes the transaction read-only. Calling `enter()` again
 * re-asserts the role before another statement.
 *
 * @example
 * const rows = await inReaderTransaction(db, tenantId, { timeoutMs: 5000, workMemKb: 4096, tempFileLimitKb: 262144 }, async (tx, enter) => { await enter(); return tx.execute(sql`select 1`); });
 */
export async function inReaderTransaction<T>(db: Database, tenantId: string, settings: ReaderSettings, fn: (tx: Database, enter: EnterReader) => Promise<T>): Promise<T> {
  try {
    await runInTenant(db, tenantId, async (tx) => {
      let entered = false;
      const enter = async () => {
        if (!entered) {
          await tx.execute(sql`insert into datasets_sql_grants (xid, tenant_id) values (pg_current_xact_id(), ${tenantId})`);
          await tx.execute(
            sql`select set_config('statement_timeout', ${String(settings.timeoutMs)}, true), set_config('work_mem', ${String(settings.workMemKb)}, true), set_config('TimeZone', 'UTC', true), set_config('standard_conforming_strings', 'on', true), set_config('search_path', 'pg_catalog', true)`,
          );
          await limitTempFiles(tx, settings.tempFileLimitKb);
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

/**
 * `temp_file_limit` is a superuser setting: only a superuser role, or one granted `SET ON PARAMETER
 * temp_file_limit`, may change it (Neon's roles and the local `atoll` role may not). Elsewhere the
 * attempt is dropped and disk use is bounded by the statement timeout alone. The exception block
 * keeps the refusal from aborting the transaction; the setting it makes outlives the block.
 */
async function limitTempFiles(tx: Database, limitKb: number): Promise<void> {
  if (!Number.isSafeInteger(limitKb)) throw new Error('temp_file_limit is not an integer');
  await tx.execute(sql.raw(`DO $$ BEGIN PERFORM pg_catalog.set_config('temp_file_limit', '${limitKb}', true); EXCEPTION WHEN insufficient_privilege THEN NULL; END $$`));
}
