import { type SQL, sql } from 'drizzle-orm';
import { AtollError } from '../errors';
import type { Logger } from '../logger';
import { isDatabaseUnavailable } from './unavailable';

/**
 * Strictly below this, a numeric rounds to a finite double (the largest double plus half a unit in
 * its last place, 2^1024 - 2^970); at or beyond it the cast to double precision fails (22003).
 */
const DOUBLE_OVERFLOW =
  '179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792';

/**
 * A numeric expression (an exact aggregate, say) as double precision, or NULL where no double
 * holds it (the cast alone would fail). Postgres computes an aggregate named twice in one query once.
 * Takes and gives drizzle `SQL`, or raw SQL text for queries assembled as text.
 *
 * @example
 * finiteDouble(sql`avg(${points.value}::text::numeric)`);
 * finiteDouble('avg(v::text::numeric)'); // CASE WHEN abs(avg(…)) < 1797…792 THEN (avg(…))::float8 END
 */
export function finiteDouble(numeric: SQL): SQL;
export function finiteDouble(numeric: string): string;
export function finiteDouble(numeric: SQL | string): SQL | string {
  if (typeof numeric === 'string') return `CASE WHEN abs(${numeric}) < ${DOUBLE_OVERFLOW} THEN (${numeric})::float8 END`;
  return sql`CASE WHEN abs(${numeric}) < ${sql.raw(DOUBLE_OVERFLOW)} THEN (${numeric})::float8 END`;
}

/** The Postgres error (one with a SQLSTATE) inside a possibly drizzle-wrapped error. */
function postgresErrorOf(error: unknown): (Error & { code: string }) | undefined {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (e instanceof Error && typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return e as Error & { code: string };
  }
  return undefined;
}

/**
 * The failure of a query the server built (never the caller's SQL) as a 500 with `code` and
 * `detail`, logged with its SQLSTATE and Postgres message (never sent: it can name tables). Left as
 * it is, the kernel would read a class 22, 23, 42 or 54 SQLSTATE as the client's value and answer
 * 400. Errors without a SQLSTATE, an unreachable database (the kernel's 503) and `AtollError`s pass
 * unchanged.
 *
 * @example
 * catch (error) { throw internalQueryError(error, { code: 'ANALYTICS_QUERY_FAILED', detail: 'The analytics query failed', what: 'time series query', logger }); }
 */
export function internalQueryError(error: unknown, options: { code: string; detail: string; what: string; logger: Logger; fields?: Record<string, unknown> }): unknown {
  if (error instanceof AtollError) return error;
  const pg = postgresErrorOf(error);
  if (!pg || isDatabaseUnavailable(error)) return error;
  options.logger.error(`${options.what} failed`, { ...options.fields, sqlState: pg.code, error: pg });
  return new AtollError('internal', options.code, options.detail, { cause: error });
}
