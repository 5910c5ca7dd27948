/** Rows as an HTML table (values shown as text, escaped), with a note when the rows were cut. */
export function DataTable({ label, columns, rows, truncated = false }: { label: string; columns: readonly string[]; rows: readonly (readonly unknown[])[]; truncated?: boolean }) {
  if (rows.length === 0) return <p class="muted chart-empty">No rows.</p>;
  return (
    <div class="data-table table-scroll" tabindex={0}>
      <table>
        <caption>
          {label}
          {truncated ? ' (first rows only)' : ''}
        </caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col">{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr>
              {row.map((cell) => (
                <td>{cellText(cell)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const cellText = (cell: unknown): string => (cell === null || cell === undefined ? '' : typeof cell === 'object' ? JSON.stringify(cell) : String(cell));
