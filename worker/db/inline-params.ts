import pg from 'pg';

/**
 * Client-side parameter interpolation (what pgx calls the simple protocol exec mode), used only to
 * send a statement in the same round trip as the control statements that must run before it
 * (BEGIN, SAVEPOINT, the scope's set_config). Every value becomes a quoted literal, which Postgres
 * types from context exactly like the untyped text parameters pg sends, so results are the same.
 * Returns undefined when a value has no faithful literal; the caller then sends separately.
 */
export function inlineParams(text: string, values: readonly unknown[]): string | undefined {
  const literals: string[] = [];
  for (const value of values) {
    const literal = literalOf(value);
    if (literal === undefined) return undefined;
    literals.push(literal);
  }
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    const skip = quotedEnd(text, i);
    if (skip > i) {
      out += text.slice(i, skip);
      i = skip;
      continue;
    }
    if (ch === '$' && /[0-9]/.test(text[i + 1] ?? '') && !/[\w$]/.test(text[i - 1] ?? '')) {
      let j = i + 1;
      while (j < text.length && /[0-9]/.test(text[j]!)) j++;
      const literal = literals[Number(text.slice(i + 1, j)) - 1];
      if (literal === undefined) return undefined;
      out += literal;
      i = j;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

/** End of the quoted string, quoted identifier, dollar-quoted body or comment starting at `i` (else `i`). */
function quotedEnd(text: string, i: number): number {
  const ch = text[i]!;
  const next = text[i + 1];
  if (ch === '-' && next === '-') {
    const end = text.indexOf('\n', i);
    return end === -1 ? text.length : end;
  }
  if (ch === '/' && next === '*') {
    const end = text.indexOf('*/', i + 2);
    return end === -1 ? text.length : end + 2;
  }
  if (ch === '"') return closing(text, i, '"', false);
  if (ch === "'") return closing(text, i, "'", (text[i - 1] === 'E' || text[i - 1] === 'e') && !/[\w$]/.test(text[i - 2] ?? ''));
  if (ch === '$' && !/[\w$]/.test(text[i - 1] ?? '')) {
    const tag = /^\$([A-Za-z_][\w]*)?\$/.exec(text.slice(i));
    if (tag) {
      const end = text.indexOf(tag[0], i + tag[0].length);
      return end === -1 ? text.length : end + tag[0].length;
    }
  }
  return i;
}

function closing(text: string, start: number, quote: string, backslashes: boolean): number {
  let j = start + 1;
  while (j < text.length) {
    if (backslashes && text[j] === '\\') j += 2;
    else if (text[j] === quote && text[j + 1] === quote) j += 2;
    else if (text[j] === quote) return j + 1;
    else j++;
  }
  return text.length;
}

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** The text pg would send for a parameter (pg's prepareValue), or undefined when it would send something else. */
function textOf(value: unknown): string | null | undefined {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  if (value instanceof Uint8Array) return `\\x${hex(value)}`;
  if (Array.isArray(value)) return arrayText(value);
  if (typeof value === 'object' && typeof (value as { toPostgres?: unknown }).toPostgres !== 'function') return JSON.stringify(value);
  return undefined;
}

function arrayText(items: readonly unknown[]): string | undefined {
  const parts: string[] = [];
  for (const item of items) {
    if (Array.isArray(item)) {
      const nested = arrayText(item);
      if (nested === undefined) return undefined;
      parts.push(nested);
      continue;
    }
    const text = textOf(item);
    if (text === undefined) return undefined;
    parts.push(text === null ? 'NULL' : `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`);
  }
  return `{${parts.join(',')}}`;
}

function literalOf(value: unknown): string | undefined {
  const text = textOf(value);
  if (text === undefined) return undefined;
  if (text === null) return 'NULL';
  // A NUL cannot travel inside a query string; the extended protocol reports it as Postgres does.
  if (text.includes('\u0000')) return undefined;
  return pg.escapeLiteral(text);
}
