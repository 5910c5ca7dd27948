import type { QueryResult } from '../../refs';
import { csvCell, csvLine } from '../reads/csv-cell';
import { isNumericType } from './present-value';

/**
 * A query's result as CSV (RFC 4180, CRLF): a header of column names, then each row with values as
 * the JSON result has them (numbers and booleans as written, a negative number not taken for a formula, timestamps ISO 8601, json as JSON text,
 * null empty). Text cells are neutralised against spreadsheet formulas (csv-cell.ts).
 *
 * @example
 * resultCsv({ columns: [{ name: 'n', type: 'integer' }], rows: [[1]], ... }); // 'n\r\n1\r\n'
 */
export function resultCsv(result: Pick<QueryResult, 'columns' | 'rows'>): string {
  let text = csvLine(result.columns.map((c) => csvCell(c.name)));
  const numeric = result.columns.map((c) => isNumericType(c.type));
  for (const row of result.rows) text += csvLine(row.map((value, i) => cellText(value, numeric[i]!)));
  return text;
}

/** Numbers (also those too big for a double, sent as text) and booleans stay as written; text and json are neutralised. */
function cellText(value: unknown, numeric: boolean): string {
  if (value === null || value === undefined) return '';
  if (numeric || typeof value === 'number' || typeof value === 'boolean') return csvCell(String(value), false);
  return csvCell(typeof value === 'string' ? value : JSON.stringify(value));
}
