import { raw } from 'hono/html';
import type { ChatToolCallRow } from '../db/schema';
import { safeSvg } from './safe-svg';

/** A tool_use block of a stored assistant message. */
export interface ToolUseBlock {
  id: string;
  name: string;
  input: unknown;
}

interface Table {
  columns: string[];
  rows: unknown[][];
  truncated: boolean;
}

const STATUS: Record<ChatToolCallRow['status'] | 'pending', string> = {
  pending: 'not run yet',
  awaiting_approval: 'waiting for your approval',
  approved: 'approved, running',
  done: 'done',
  error: 'failed',
  denied: 'denied',
};

const NUMBER = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
const isNumeric = (cell: unknown) => typeof cell === 'number' || typeof cell === 'bigint' || (typeof cell === 'string' && NUMBER.test(cell.trim()));
const cellText = (cell: unknown) => (cell === null || cell === undefined ? '' : typeof cell === 'object' ? JSON.stringify(cell) : String(cell));

/** The stored result's table, if it has the documented shape (it is JSON from the database). */
function tableOf(value: unknown): Table | null {
  const t = value as { columns?: unknown; rows?: unknown; truncated?: unknown } | null | undefined;
  if (!t || !Array.isArray(t.columns) || !Array.isArray(t.rows)) return null;
  return { columns: t.columns.map(cellText), rows: t.rows.filter(Array.isArray), truncated: t.truncated === true };
}

/** A tool's table as HTML: numeric columns right-aligned, every value escaped text. */
function ResultTable({ table }: { table: Table }) {
  const numeric = table.columns.map((_, i) => {
    const cells = table.rows.map((row) => row[i]).filter((cell) => cell !== null && cell !== undefined && cell !== '');
    return cells.length > 0 && cells.every(isNumeric);
  });
  return (
    <div class="chat-table table-scroll" tabindex={0}>
      <table>
        <thead>
          <tr>
            {table.columns.map((c, i) => (
              <th scope="col" class={numeric[i] ? 'num' : undefined}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => (
            <tr>
              {table.columns.map((_, i) => (
                <td class={isNumeric(row[i]) ? 'num' : undefined}>{cellText(row[i])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {table.truncated ? <p class="muted">First rows only: the result had more.</p> : null}
    </div>
  );
}

/**
 * One tool call: a collapsible block with the input the model gave (JSON) and the stored result (a
 * table, our own chart, or the text), open when it has something to look at or to decide on.
 */
export function ToolCallView({ block, call }: { block: ToolUseBlock; call: ChatToolCallRow | undefined }) {
  const status = call?.status ?? 'pending';
  const result = (call?.result ?? null) as { text?: unknown; summary?: unknown; table?: unknown; svg?: unknown } | null;
  const svg = safeSvg(result?.svg);
  const table = tableOf(result?.table);
  const failed = Boolean(call?.isError);
  const waiting = status === 'awaiting_approval';
  const summary = typeof result?.summary === 'string' ? result.summary : null;
  return (
    <details class="chat-tool" data-tool-call={block.id} data-status={status} data-error={failed ? 'true' : undefined} open={Boolean(svg || table || waiting || failed)}>
      <summary>
        <code class="chat-tool-name">{block.name}</code> <span class="chat-tool-status">{STATUS[status]}</span>
        {summary ? <span class="chat-tool-summary"> · {summary}</span> : null}
        {call?.durationMs != null ? <span class="muted"> · {call.durationMs} ms</span> : null}
      </summary>
      <div class="chat-tool-body">
        <h3>Input</h3>
        <pre class="chat-json">{JSON.stringify(block.input ?? {}, null, 2)}</pre>
        {result ? <h3>Result</h3> : null}
        {svg ? <figure class="chat-chart">{raw(svg)}</figure> : null}
        {table ? <ResultTable table={table} /> : null}
        {result && !svg && !table ? <pre class={failed ? 'chat-tool-text chat-error' : 'chat-tool-text'}>{cellText(result.text)}</pre> : null}
        {waiting ? (
          <p class="chat-approval">
            <button type="button" data-decision="approve" data-call={block.id}>
              Approve
            </button>
            <button type="button" class="secondary" data-decision="deny" data-call={block.id}>
              Deny
            </button>
          </p>
        ) : null}
      </div>
    </details>
  );
}
