import { AtollError, type Database } from 'atoll/plugin';
import { sql } from 'drizzle-orm';
import { mapSqlError, pgErrorOf } from './map-sql-error';
import { presentValue } from './present-value';
import type { EnterReader } from './reader-transaction';

export interface SelectInput {
  /** `WITH` definitions (without the keyword) the query may use, or ''. */
  ctes: string;
  /** One SELECT statement, already checked. */
  body: string;
  limit: number;
  /** Text size of the result past which the query is stopped (422). */
  maxBytes: number;
}

export interface SelectOutput {
  columns: { name: string; type: string }[];
  rows: unknown[][];
  truncated: boolean;
  durationMs: number;
}

interface Field {
  name: string;
  dataTypeID: number;
}

/** What `datasets_sql_read` (migrations/0005) raises when the result passes its byte bound. */
const RESULT_TOO_LARGE = 'DS413';

/**
 * Runs a checked SELECT as the reader: first with LIMIT 0 to learn its columns (nothing of the
 * query executes), then for real inside `datasets_sql_read` (role pinned) with every column renamed
 * by position (duplicate names survive) and printed as text, at most `limit + 1` rows. The function
 * reads the rows one by one and stops the query once their text passes `maxBytes` (422
 * `DATASETS_SQL_RESULT_TOO_LARGE`), before any later row is computed; a row's cells are not even
 * gathered when the row alone is too big. So a huge result never reaches the Worker, nor is it held
 * whole in Postgres. Values are then typed for JSON by their Postgres type (present-value.ts).
 */
export async function runSelect(tx: Database, enter: EnterReader, input: SelectInput): Promise<SelectOutput> {
  const withClause = input.ctes ? `WITH ${input.ctes}\n` : '';
  // Newlines around the body: a trailing -- comment in it cannot swallow what follows.
  const wrap = (prefix: string, suffix: string) => `${prefix}(\n${input.body}\n)${suffix}`;
  const head = `${withClause}SELECT * FROM `;
  await enter();
  let described: { fields: Field[] };
  try {
    // LIMIT 0 executes nothing of the query; only planning runs outside the pinned function.
    described = (await tx.execute(sql.raw(wrap(head, ' AS q LIMIT 0')))) as unknown as typeof described;
  } catch (error) {
    throw mapSqlError(error, head.length + 2, input.body.length);
  }
  const fields = described.fields;
  const types = await typeNames(tx, fields);
  const aliases = fields.map((_, i) => `c${i + 1}`);
  const texts = aliases.map((a) => `r.${a}::text`);
  // octet_length of a text value reads its length word: a huge text cell is measured, never copied.
  const bytes = texts.length ? texts.map((t) => `coalesce(octet_length(${t})::bigint, 0)`).join(' + ') : '0::bigint';
  const rename = aliases.length ? `AS r(${aliases.join(', ')})` : 'AS r';
  const cells = `ARRAY[${aliases.map((a) => `s.${a}::text`).join(', ')}]::text[]`;
  // OFFSET 0 keeps the planner from inlining `bytes` twice into the outer SELECT.
  const prefix = `${withClause}SELECT CASE WHEN s.bytes <= ${input.maxBytes} THEN ${cells} END, s.bytes FROM (SELECT r.*, ${bytes} AS bytes FROM (SELECT * FROM `;
  const suffix = ` AS q LIMIT ${input.limit + 1}) ${rename} OFFSET 0) AS s`;
  await enter();
  const started = Date.now();
  let result: { rows: { cells: (string | null)[] | null }[] };
  try {
    // Inside the definer function the role cannot be changed (see migrations/0003). The savepoint
    // keeps the transaction usable after a failed query, for the unlock below.
    const run = sql`SELECT cells FROM public.datasets_sql_read(${wrap(prefix, suffix)}, ${input.limit}, ${input.maxBytes})`;
    result = (await tx.transaction((savepoint) => savepoint.execute(run))) as unknown as typeof result;
  } catch (error) {
    if (pgErrorOf(error)?.code === RESULT_TOO_LARGE) throw resultTooLarge(input.maxBytes);
    throw mapSqlError(error);
  } finally {
    // Session-level advisory locks outlive the rollback and would stay on a pooled connection
    // (blocking e.g. the login throttle's locks), should a query ever manage to take one.
    await tx.execute(sql`SELECT pg_advisory_unlock_all()`);
  }
  const durationMs = Date.now() - started;
  // After `limit` rows the function adds one without cells when there were more.
  const kept = result.rows.filter((row) => row.cells !== null);
  return {
    columns: fields.map((f, i) => ({ name: f.name, type: types[i]! })),
    rows: kept.map((row) => row.cells!.map((value, i) => presentValue(value, types[i]!))),
    truncated: kept.length < result.rows.length,
    durationMs,
  };
}

const resultTooLarge = (maxBytes: number) =>
  new AtollError('unprocessable', 'DATASETS_SQL_RESULT_TOO_LARGE', `The result is larger than ${maxBytes} bytes of text and was stopped; select fewer rows or columns, or aggregate`);

/** Postgres' own names for the result's types (`bigint`, `timestamp with time zone`, ...). */
async function typeNames(tx: Database, fields: Field[]): Promise<string[]> {
  if (fields.length === 0) return [];
  const oids = fields.map((f) => f.dataTypeID).join(',');
  const result = (await tx.execute(sql.raw(`SELECT format_type(t, NULL) AS name FROM unnest(ARRAY[${oids}]::oid[]) WITH ORDINALITY AS u(t, n) ORDER BY n`))) as unknown as {
    rows: { name: string }[];
  };
  return result.rows.map((r) => r.name);
}
