import type { ChatToolTable } from './types';

/**
 * Rows of a tool's table the model reads by default; pages and MCP get the whole `table`.
 *
 * @example
 * const { text, table } = toolTable({ columns, rows: rows.slice(0, 1000), textRows: TOOL_TEXT_ROWS / 2 });
 */
export const TOOL_TEXT_ROWS = 100;
/** A longer cell is cut in the model's text (the `table` keeps it whole). */
const MAX_CELL_CHARS = 200;

/**
 * What `toolTable` lays out.
 *
 * @example
 * const input: ToolTableInput = { columns: ['name', 'rows'], rows: [['sales', 120]], truncated: false };
 */
export interface ToolTableInput {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly unknown[])[];
  /** The rows are a prefix of a larger result (e.g. a query's row limit was reached). */
  readonly truncated?: boolean;
  /** Rows written into `text`; default `TOOL_TEXT_ROWS`. */
  readonly textRows?: number;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (text.length > MAX_CELL_CHARS) text = `${text.slice(0, MAX_CELL_CHARS - 1)}…`;
  // CSV quoting (RFC 4180); an empty string is quoted so it reads differently from null.
  return text === '' || /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A tool result's `table` and its compact `text` for the model: CSV with a header row, at most
 * `textRows` rows, and a closing line saying how many rows were left out and whether the result
 * itself was cut. Cells are JSON for objects, ISO 8601 for dates, empty for null.
 *
 * @example
 * const { text, table } = toolTable({ columns: ['region', 'total'], rows, truncated });
 * return { text, table, summary: `${rows.length} rows` };
 */
export function toolTable(input: ToolTableInput): { text: string; table: ChatToolTable } {
  const limit = input.textRows ?? TOOL_TEXT_ROWS;
  const shown = input.rows.slice(0, limit);
  const lines = [input.columns.map(cellText).join(','), ...shown.map((row) => row.map(cellText).join(','))];
  const left = input.rows.length - shown.length;
  if (left > 0) lines.push(`(${left} more row${left === 1 ? '' : 's'} not shown here, ${input.rows.length} in all)`);
  if (input.truncated) lines.push(`(the result was cut at ${input.rows.length} row${input.rows.length === 1 ? '' : 's'}: more exist)`);
  if (input.rows.length === 0) lines.push('(no rows)');
  return { text: lines.join('\n'), table: { columns: [...input.columns], rows: input.rows, truncated: Boolean(input.truncated) } };
}
