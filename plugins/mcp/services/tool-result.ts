import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { ChatToolResult, ChatToolTable } from 'atoll/plugin';

/** The first `maxChars` of `text`, saying how much was left out (never half a surrogate pair). */
export function boundText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, /[\uD800-\uDBFF]/.test(text[maxChars - 1] ?? '') ? maxChars - 1 : maxChars);
  return `${cut}\n… [${text.length - cut.length} more characters not shown]`;
}

// Tables hold what a tool read from the database: a bigint would make the JSON response throw.
const plain = (_key: string, value: unknown) => (typeof value === 'bigint' ? value.toString() : value);

/**
 * A tool's table as MCP structured content: whole rows while their JSON fits in `maxChars`, and
 * `truncated` when rows were left out here or by the tool itself.
 */
export function structuredTable(table: ChatToolTable, maxChars: number): { columns: string[]; rows: unknown[][]; truncated: boolean } {
  let left = maxChars - JSON.stringify(table.columns).length;
  const rows: unknown[][] = [];
  for (const row of table.rows) {
    const json = JSON.stringify(row, plain);
    left -= json.length + 1;
    if (left < 0) break;
    rows.push(JSON.parse(json) as unknown[]);
  }
  return { columns: [...table.columns], rows, truncated: Boolean(table.truncated) || rows.length < table.rows.length };
}

/**
 * A chat tool's outcome as an MCP tool result: the text (bounded as the assistant bounds what its
 * model reads), the table as structured content, and `isError` for failures the model should read.
 * A chart's SVG stays with the pages: its text already describes it.
 */
export function toCallToolResult(outcome: { isError: boolean; result: ChatToolResult }, limits: { textChars: number; tableChars: number }): CallToolResult {
  const { result, isError } = outcome;
  return {
    content: [{ type: 'text', text: boundText(result.text, limits.textChars) }],
    ...(result.table && !isError ? { structuredContent: structuredTable(result.table, limits.tableChars) } : {}),
    ...(isError ? { isError: true } : {}),
  };
}
