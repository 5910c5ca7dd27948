import { sql } from 'drizzle-orm';
import type { Database } from 'atoll/plugin';
import type { EnterReader } from './reader-transaction';
import { mapSqlError } from './map-sql-error';
import { presentValue } from './present-value';

export interface SelectInput {
  /** `WITH` definitions (without the keyword) the query may use, or ''. */
  ctes: string;
  /** One SELECT statement, already checked. */
  body: string;
  limit: number;
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

/**
 * Runs a checked SELECT as the reader: first with LIMIT 0 to learn its columns (nothing of the
 * query executes), then for real inside `datasets_sql_run` (role pinned) with every column renamed
 * by position (duplicate names survive) and printed as text, at most `limit + 1` rows and
 * `maxBytes` of text, so a huge result never reaches the Worker. Values are then typed for JSON by
 * their Postgres type (present-value.ts).
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
  const cells = `ARRAY[${aliases.map((a) => `r.${a}::text`).join(', ')}]::text[]`;
  const rename = aliases.length ? `AS r(${aliases.join(', ')})` : 'AS r';
  // The first row always comes back (without its cells when too big), so `total` is known and a
  // single oversized row reads as truncated rather than as an empty result.
  const fits = `s.bytes <= ${input.maxBytes}`;
  const prefix = `${withClause}SELECT CASE WHEN ${fits} THEN s.cells END, s.total, s.bytes FROM (SELECT ${cells} AS cells, count(*) OVER () AS total, sum(octet_length(r::text)) OVER (ROWS UNBOUNDED PRECEDING) AS bytes, row_number() OVER () AS n FROM (SELECT * FROM `;
  const suffix = ` AS q LIMIT ${input.limit + 1}) ${rename}) AS s WHERE ${fits} OR s.n = 1`;
  await enter();
  const started = Date.now();
  let result: { rows: { cells: (string | null)[] | null; total: string }[] };
  try {
    // Inside the definer function the role cannot be changed (see migrations/0003). The savepoint
    // keeps the transaction usable after a failed query, for the unlock below.
    const run = sql`SELECT cells, total FROM public.datasets_sql_run(${wrap(prefix, suffix)})`;
    result = (await tx.transaction((savepoint) => savepoint.execute(run))) as unknown as typeof result;
  } catch (error) {
    throw mapSqlError(error);
  } finally {
    // Session-level advisory locks outlive the rollback and would stay on a pooled connection
    // (blocking e.g. the login throttle's locks), should a query ever manage to take one.
    await tx.execute(sql`SELECT pg_advisory_unlock_all()`);
  }
  const durationMs = Date.now() - started;
  const total = Number(result.rows[0]?.total ?? 0);
  const kept = result.rows.filter((row) => row.cells !== null).slice(0, input.limit);
  return {
    columns: fields.map((f, i) => ({ name: f.name, type: types[i]! })),
    rows: kept.map((row) => row.cells!.map((value, i) => presentValue(value, types[i]!))),
    truncated: total > kept.length,
    durationMs,
  };
}

/** Postgres' own names for the result's types (`bigint`, `timestamp with time zone`, ...). */
async function typeNames(tx: Database, fields: Field[]): Promise<string[]> {
  if (fields.length === 0) return [];
  const oids = fields.map((f) => f.dataTypeID).join(',');
  const result = (await tx.execute(sql.raw(`SELECT format_type(t, NULL) AS name FROM unnest(ARRAY[${oids}]::oid[]) WITH ORDINALITY AS u(t, n) ORDER BY n`))) as unknown as {
    rows: { name: string }[];
  };
  return result.rows.map((r) => r.name);
}
