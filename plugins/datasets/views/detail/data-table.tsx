/** A cell for display: null as an empty, marked cell; objects as JSON. */
function Cell({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <td class="muted">null</td>;
  return <td>{typeof value === 'object' ? JSON.stringify(value) : String(value)}</td>;
}

/** Rows (arrays in column order) under a header of column names with their types. */
export function DataTable({ id, caption, columns, rows }: { id: string; caption: string; columns: { name: string; type?: string }[]; rows: unknown[][] }) {
  return (
    <div class="table-scroll" tabindex={0}>
      <table id={id}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col">
                {c.name}
                {c.type ? <small class="muted"> {c.type}</small> : null}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr>
              {row.map((value) => (
                <Cell value={value} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
