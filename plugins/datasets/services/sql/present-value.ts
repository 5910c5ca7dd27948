const INTEGERS = new Set(['smallint', 'integer', 'bigint']);
const FLOATS = new Set(['real', 'double precision', 'numeric']);

/** Whether values of a result column of this Postgres type are numbers (a number, or its exact text). */
export const isNumericType = (type: string | undefined) => type !== undefined && (INTEGERS.has(type) || FLOATS.has(type) || type.startsWith('numeric('));

const TIMESTAMP = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d(?:\.\d+)?)(\+00)?$/;

/**
 * A value Postgres printed as text, typed for JSON by its Postgres type name: booleans as
 * booleans; numbers as JSON numbers when a number holds them exactly, else as strings (bigints
 * beyond ±2^53, numerics with more than 15 significant digits, NaN, Infinity); json as JSON;
 * timestamps as ISO 8601 (UTC, `Z`); everything else as the text.
 *
 * @example
 * presentValue('2024-01-02 03:04:05+00', 'timestamp with time zone'); // '2024-01-02T03:04:05Z'
 */
export function presentValue(text: string | null, type: string): unknown {
  if (text === null) return null;
  if (type === 'boolean') return text === 'true' || text === 't';
  if (INTEGERS.has(type)) {
    const n = Number(text);
    return Number.isSafeInteger(n) ? n : text;
  }
  if (FLOATS.has(type)) {
    const n = Number(text);
    if (!Number.isFinite(n)) return text;
    if (type === 'numeric' && text.replace(/^-?0*|\.|0+$/g, '').replace(/^0+/, '').length > 15) return text;
    return n;
  }
  if (type === 'json' || type === 'jsonb') return JSON.parse(text);
  if (type.startsWith('timestamp')) {
    const m = TIMESTAMP.exec(text);
    if (!m) return text;
    return `${m[1]}T${m[2]}${m[3] ? 'Z' : ''}`;
  }
  return text;
}
