/**
 * Strict recognisers for cell text. Each accepts only text that Postgres casts exactly to the same
 * type (`bigint`, `double precision`, `boolean`, `timestamptz` with TimeZone UTC), so the SQL over
 * table datasets can cast every stored cell of a typed column without an error.
 */

const INTEGER = /^[+-]?\d{1,19}$/;
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const BOOLEAN = /^(?:true|false)$/i;
const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -9223372036854775808n;

/** An integer within int64, e.g. `42`, `-7`, `+3` (no spaces, no decimal point). */
export function isIntegerText(text: string): boolean {
  if (!INTEGER.test(text)) return false;
  if (text.length < 18) return true;
  const n = BigInt(text);
  return n <= INT64_MAX && n >= INT64_MIN;
}

/**
 * A finite decimal number, e.g. `1.5`, `-2e3`, `.5`. Not `NaN` or `Infinity`, not beyond double
 * range, and not a non-zero value so small it would round to 0 (Postgres refuses those).
 */
export function numberOfText(text: string): number | undefined {
  if (!NUMBER.test(text)) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n)) return undefined;
  if (n === 0 && /[1-9]/.test(text.replace(/[eE].*$/, ''))) return undefined;
  return n;
}

export const isBooleanText = (text: string): boolean => BOOLEAN.test(text);

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The number of `count` ASCII digits at `at`, or -1 if any is not a digit. */
function digits(text: string, at: number, count: number): number {
  let n = 0;
  for (let i = at; i < at + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (!(d >= 0 && d <= 9)) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * Milliseconds since the epoch of an ISO 8601 date or date-time (`T` or a space between), with an
 * optional zone (`Z`, `+02:00`, `+0200`, `+02`); without a zone it is UTC. Years 0001-9999, real
 * calendar dates, hours 00-23, seconds 00-59, 1-9 fraction digits (beyond milliseconds truncated
 * here; Postgres keeps microseconds). Anything else: undefined. Parsed by hand: it runs once per
 * metric row, and a regular expression plus Date setters cost several times more.
 */
export function isoTimestampOf(text: string): number | undefined {
  const n = text.length;
  if (n < 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return undefined;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > DAYS[month - 1]!) return undefined;
  if (month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return undefined;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let ms = 0;
  let at = 10;
  if (at < n && (text.charCodeAt(at) === 84 || text.charCodeAt(at) === 32)) {
    if (n < 16 || text.charCodeAt(13) !== 58) return undefined;
    hour = digits(text, 11, 2);
    minute = digits(text, 14, 2);
    at = 16;
    if (at < n && text.charCodeAt(at) === 58) {
      second = digits(text, 17, 2);
      if (n < 19) return undefined;
      at = 19;
      if (at < n && text.charCodeAt(at) === 46) {
        let end = at + 1;
        while (end < n && end - at <= 9 && text.charCodeAt(end) >= 48 && text.charCodeAt(end) <= 57) end++;
        const count = end - at - 1;
        if (count === 0 || count > 9) return undefined;
        ms = digits(text, at + 1, Math.min(count, 3)) * (count >= 3 ? 1 : count === 2 ? 10 : 100);
        at = end;
      }
    }
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
  }
  let offsetMinutes = 0;
  // A zone only after a time of day.
  if (at < n && at === 10) return undefined;
  if (at < n) {
    const sign = text.charCodeAt(at);
    if (sign === 90 && at + 1 === n) at = n;
    else if (sign === 43 || sign === 45) {
      const rest = n - at - 1;
      const oh = digits(text, at + 1, 2);
      let om = 0;
      if (rest === 4) om = digits(text, at + 3, 2);
      else if (rest === 5 && text.charCodeAt(at + 3) === 58) om = digits(text, at + 4, 2);
      else if (rest !== 2) return undefined;
      if (oh < 0 || oh > 15 || om < 0 || om > 59) return undefined;
      offsetMinutes = (sign === 45 ? -1 : 1) * (oh * 60 + om);
      at = n;
    } else return undefined;
  }
  if (at !== n) return undefined;
  let time = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  // Date.UTC reads years 0-99 as 1900-1999.
  if (year < 100) time = new Date(time).setUTCFullYear(year);
  return time - offsetMinutes * 60_000;
}

const EPOCH = /^-?\d{1,16}(?:\.\d+)?$/;
/** Epoch numbers below this magnitude are seconds, at or above it milliseconds (year 5138 in seconds). */
export const EPOCH_MILLIS_FROM = 1e11;
/** Latest instant accepted (9999-12-31T23:59:59.999Z), so every stored point is a valid timestamptz. */
const MAX_MS = 253402300799999;
const MIN_MS = -62135596800000; // 0001-01-01T00:00:00Z

/**
 * A metric timestamp in milliseconds: ISO 8601 (see isoTimestampOf) or an epoch number, seconds
 * when its magnitude is below 1e11 and milliseconds otherwise (`1700000000` and `1700000000000`
 * are the same instant).
 */
export function metricTimestampOf(raw: string | number): number | undefined {
  let ms: number | undefined;
  if (typeof raw === 'number' || EPOCH.test(raw)) {
    const n = typeof raw === 'number' ? raw : Number(raw);
    if (!Number.isFinite(n)) return undefined;
    ms = Math.abs(n) < EPOCH_MILLIS_FROM ? n * 1000 : n;
  } else ms = isoTimestampOf(raw);
  return ms !== undefined && ms >= MIN_MS && ms <= MAX_MS ? ms : undefined;
}
