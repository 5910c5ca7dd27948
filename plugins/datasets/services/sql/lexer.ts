import { validationFailed } from 'atoll/plugin';

export type TokenKind = 'word' | 'quoted' | 'string' | 'number' | 'param' | 'op' | 'punct';

/** One SQL token: `value` is the lowercased word, the unquoted identifier, or the raw text. */
export interface Token {
  kind: TokenKind;
  value: string;
  pos: number;
}

/** Postgres' whitespace only: any other character (e.g. U+00A0) is part of an identifier there, as here. */
const SPACE = /[ \t\n\r\f\v]/;
const WORD_START = /[A-Za-z_\u0080-\uffff]/;
const WORD_PART = /[A-Za-z0-9_$\u0080-\uffff]/;
const OP_CHARS = '+-*/<>=~!@#%^&|`?';
const PUNCT = '(),;[]:.';

const syntax = (detail: string) => validationFailed('DATASETS_SQL_SYNTAX', detail);

/**
 * Splits Postgres SQL into tokens, dropping whitespace and comments (`--`, nested `/* *\/`). Knows
 * '...' strings with '' escapes (standard_conforming_strings, which the runner pins on), E'...'
 * strings with backslash escapes, B/X/N prefixes, $tag$ dollar quotes and "quoted identifiers".
 * Anything unterminated is a 400 (DATASETS_SQL_SYNTAX), so the text can be embedded safely.
 *
 * @example
 * tokenize("select 'a;b' from t -- x").map((t) => t.value); // ['select', 'a;b', 'from', 't']
 */
export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i]!;
    const next = sql[i + 1];
    if (SPACE.test(ch)) {
      i++;
    } else if (ch === '-' && next === '-') {
      // Postgres ends a -- comment at CR as well as LF.
      const end = sql.slice(i).search(/[\n\r]/);
      i = end === -1 ? sql.length : i + end + 1;
    } else if (ch === '/' && next === '*') {
      i = skipBlockComment(sql, i);
    } else if ((ch === 'U' || ch === 'u') && next === '&' && (sql[i + 2] === "'" || sql[i + 2] === '"')) {
      throw syntax(`Unicode escapes (U&) are not supported, at position ${i + 1}`);
    } else if ((ch === 'E' || ch === 'e') && next === "'") {
      const end = endOfString(sql, i + 1, true);
      tokens.push({ kind: 'string', value: sql.slice(i + 2, end - 1), pos: i });
      i = end;
    } else if (/[BbXxNn]/.test(ch) && next === "'") {
      const end = endOfString(sql, i + 1, false);
      tokens.push({ kind: 'string', value: sql.slice(i + 2, end - 1), pos: i });
      i = end;
    } else if (ch === "'") {
      const end = endOfString(sql, i, false);
      tokens.push({ kind: 'string', value: sql.slice(i + 1, end - 1).replaceAll("''", "'"), pos: i });
      i = end;
    } else if (ch === '"') {
      const end = endOfQuoted(sql, i);
      const value = sql.slice(i + 1, end - 1).replaceAll('""', '"');
      if (value === '') throw syntax(`Empty quoted identifier at position ${i + 1}`);
      tokens.push({ kind: 'quoted', value, pos: i });
      i = end;
    } else if (ch === '$') {
      i = dollar(sql, i, tokens);
    } else if (/[0-9]/.test(ch) || (ch === '.' && next !== undefined && /[0-9]/.test(next))) {
      let j = i + 1;
      while (j < sql.length && /[0-9A-Za-z_.]/.test(sql[j]!)) {
        if ((sql[j] === 'e' || sql[j] === 'E') && (sql[j + 1] === '+' || sql[j + 1] === '-')) j++;
        j++;
      }
      tokens.push({ kind: 'number', value: sql.slice(i, j), pos: i });
      i = j;
    } else if (WORD_START.test(ch)) {
      let j = i + 1;
      while (j < sql.length && WORD_PART.test(sql[j]!)) j++;
      tokens.push({ kind: 'word', value: sql.slice(i, j).toLowerCase(), pos: i });
      i = j;
    } else if (PUNCT.includes(ch)) {
      if (ch === ':' && next === ':') {
        tokens.push({ kind: 'op', value: '::', pos: i });
        i += 2;
      } else {
        tokens.push({ kind: 'punct', value: ch, pos: i });
        i++;
      }
    } else if (OP_CHARS.includes(ch)) {
      let j = i + 1;
      while (j < sql.length && OP_CHARS.includes(sql[j]!) && !sql.startsWith('--', j) && !sql.startsWith('/*', j)) j++;
      tokens.push({ kind: 'op', value: sql.slice(i, j), pos: i });
      i = j;
    } else {
      throw syntax(`Unexpected character ${JSON.stringify(ch)} at position ${i + 1}`);
    }
  }
  return tokens;
}

function skipBlockComment(sql: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < sql.length) {
    if (sql.startsWith('/*', i)) {
      depth++;
      i += 2;
    } else if (sql.startsWith('*/', i)) {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else i++;
  }
  throw syntax(`Unterminated comment starting at position ${start + 1}`);
}

/** The index just after the closing quote of the string opening at `open`. */
function endOfString(sql: string, open: number, backslashes: boolean): number {
  let i = open + 1;
  while (i < sql.length) {
    const ch = sql[i];
    if (backslashes && ch === '\\') i += 2;
    else if (ch === "'" && sql[i + 1] === "'") i += 2;
    else if (ch === "'") return i + 1;
    else i++;
  }
  throw syntax(`Unterminated string starting at position ${open + 1}`);
}

function endOfQuoted(sql: string, open: number): number {
  let i = open + 1;
  while (i < sql.length) {
    if (sql[i] === '"' && sql[i + 1] === '"') i += 2;
    else if (sql[i] === '"') return i + 1;
    else i++;
  }
  throw syntax(`Unterminated quoted identifier starting at position ${open + 1}`);
}

/** `$1` parameters and `$tag$ ... $tag$` strings. */
function dollar(sql: string, start: number, tokens: Token[]): number {
  const param = /^\$[0-9]+/.exec(sql.slice(start, start + 12));
  if (param) {
    tokens.push({ kind: 'param', value: param[0], pos: start });
    return start + param[0].length;
  }
  const tag = /^\$([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/.exec(sql.slice(start, start + 70));
  if (!tag) throw syntax(`Unexpected $ at position ${start + 1}`);
  const close = sql.indexOf(tag[0], start + tag[0].length);
  if (close === -1) throw syntax(`Unterminated dollar-quoted string starting at position ${start + 1}`);
  tokens.push({ kind: 'string', value: sql.slice(start + tag[0].length, close), pos: start });
  return close + tag[0].length;
}
