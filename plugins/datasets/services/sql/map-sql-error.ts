import { AtollError, validationFailed } from 'atoll/plugin';

interface PgError {
  code: string;
  message: string;
  position?: string;
}

/** SQLSTATE → our reason. Classes not listed (connection, internal) are not the query's fault. */
const REASONS: Record<string, string> = {
  '42601': 'SYNTAX',
  '42P01': 'UNKNOWN_DATASET',
  '42703': 'UNKNOWN_COLUMN',
  '42883': 'UNKNOWN_FUNCTION',
  '42501': 'PERMISSION_DENIED',
  '57014': 'TIMEOUT',
  '25006': 'READ_ONLY',
};
/**
 * Every class a read-only query can cause by itself. 53 (memory, disk, temp_file_limit) is the
 * query's size, not an outage: too many connections (53300) is left to the kernel's 503.
 */
const CLASSES: Record<string, string> = {
  '0A': 'NOT_SUPPORTED',
  '21': 'DATA_ERROR',
  '22': 'DATA_ERROR',
  '2F': 'INVALID',
  '3D': 'INVALID',
  '3F': 'INVALID',
  '42': 'INVALID',
  '44': 'INVALID',
  '53': 'TOO_EXPENSIVE',
  '54': 'TOO_COMPLEX',
  '55': 'NOT_SUPPORTED',
};

/** The Postgres error inside a (drizzle-wrapped) error, if any. */
export function pgErrorOf(error: unknown): PgError | undefined {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const candidate = e as Partial<PgError>;
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code) && typeof candidate.message === 'string') return candidate as PgError;
  }
  return undefined;
}

/**
 * A Postgres error of the user's query as a 400 (DATASETS_SQL_<REASON>) carrying Postgres' own
 * message, with the position made relative to the query as written; any other error unchanged.
 * A missing relation is reported as an unknown dataset: another tenant's datasets do not exist here.
 *
 * @example
 * throw mapSqlError(error, 42);
 */
export function mapSqlError(error: unknown, bodyOffset?: number, bodyLength?: number): unknown {
  if (error instanceof AtollError) return error;
  const pg = pgErrorOf(error);
  if (!pg || pg.code === '53300') return error;
  // chr(0) is a program limit to Postgres (54000), but to the user it is a bad value like E'\\x00'.
  const reason = pg.message === 'null character not permitted' ? 'DATA_ERROR' : (REASONS[pg.code] ?? CLASSES[pg.code.slice(0, 2)]);
  if (!reason) return error;
  if (reason === 'TIMEOUT') return validationFailed('DATASETS_SQL_TIMEOUT', 'The query ran longer than the statement timeout and was cancelled');
  if (reason === 'UNKNOWN_DATASET') {
    const name = /relation "([^"]+)" does not exist/.exec(pg.message)?.[1];
    if (name) return validationFailed('DATASETS_SQL_UNKNOWN_DATASET', `No ready dataset named ${name} in this tenant (relation "${name}" does not exist)`);
  }
  const position = Number(pg.position);
  const at = bodyOffset !== undefined && position > bodyOffset && position - bodyOffset <= (bodyLength ?? Infinity) ? ` (at position ${position - bodyOffset})` : '';
  return validationFailed(`DATASETS_SQL_${reason}`, `${pg.message}${at}`);
}
