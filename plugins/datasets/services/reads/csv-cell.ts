/** Characters a spreadsheet may read as the start of a formula (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field (RFC 4180): a cell starting with = + - @ TAB or CR gets a leading ' so spreadsheets
 * show it as text instead of running it; fields with a comma, quote or line break are quoted.
 * Null is an empty field. Negative numbers stay numbers: only text cells are neutralised.
 *
 * @example
 * csvCell('=HYPERLINK("x")'); // '"\'=HYPERLINK(""x"")"'
 */
export function csvCell(value: string | null, text = true): string {
  if (value === null) return '';
  const safe = text && FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One CSV record, CRLF-terminated. */
export const csvLine = (cells: string[]) => `${cells.join(',')}\r\n`;
