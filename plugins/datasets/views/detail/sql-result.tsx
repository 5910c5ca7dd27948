import type { AtollError } from 'atoll/plugin';
import type { QueryResult } from '../../refs';
import { formatNumber, isNumericType } from './number-cell';

export type Outcome = { result: QueryResult; sql: string } | { error: AtollError } | null;

/** Where in the query an error is, 1-based, as the SQL checks and Postgres' errors word it ("at position 12"). */
export const errorPosition = (message: string): number | undefined => {
  const at = /\bat position (\d+)\b/.exec(message)?.[1];
  return at ? Number(at) : undefined;
};

function Cell({ value, numeric }: { value: unknown; numeric: boolean }) {
  if (value === null || value === undefined) return <td class={numeric ? 'num muted' : 'muted'}>null</td>;
  if (numeric && (typeof value === 'number' || typeof value === 'string')) return <td class="num">{formatNumber(value)}</td>;
  return <td>{typeof value === 'object' ? JSON.stringify(value) : String(value)}</td>;
}

/** The result's rows: number columns right-aligned with grouped digits, null marked. */
function ResultTable({ result }: { result: QueryResult }) {
  const numeric = result.columns.map((c) => isNumericType(c.type));
  return (
    <div class="table-scroll" tabindex={0}>
      <table id="sql-rows">
        <caption>Result</caption>
        <thead>
          <tr>
            {result.columns.map((c, i) => (
              <th scope="col" class={numeric[i] ? 'num' : undefined}>
                {c.name} <small class="muted">{c.type}</small>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {result.rows.map((row) => (
            <tr>
              {row.map((value, i) => (
                <Cell value={value} numeric={numeric[i]!} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The outcome of a run: the reason it was refused (with `data-position` when the error names a
 * place in the query, for sql-console.js to mark in the editor), or the rows with a CSV download of
 * the same query (a plain form: the server runs it again within the same limits).
 */
export function SqlResult({ outcome }: { outcome: Outcome }) {
  if (!outcome) return <div id="sql-result"></div>;
  if ('error' in outcome) {
    return (
      <div id="sql-result">
        <div class="alert alert-error" id="sql-error" role="alert" data-code={outcome.error.code} data-position={errorPosition(outcome.error.message)}>
          <strong>The query did not run.</strong> {outcome.error.message}
        </div>
      </div>
    );
  }
  const { result } = outcome;
  return (
    <div id="sql-result">
      <div class="sql-result-bar">
        <p id="sql-summary" class="muted" role="status">
          {formatNumber(result.rowCount)} rows{result.truncated ? ' (truncated: more rows were left out)' : ''} in {result.durationMs} ms
        </p>
        <form method="post" action="/app/datasets/sql/csv" hx-boost="false" id="sql-csv">
          <input type="hidden" name="sql" value={outcome.sql} />
          <button type="submit" class="secondary">
            Download CSV
          </button>
        </form>
      </div>
      <ResultTable result={result} />
    </div>
  );
}
