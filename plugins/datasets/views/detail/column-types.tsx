import type { ColumnType, DatasetRow } from '../../db/schema';

const TYPES: ColumnType[] = ['integer', 'number', 'boolean', 'timestamp', 'text'];
const TYPE_WORDS: Record<ColumnType, string> = { integer: 'an integer', number: 'a number', boolean: 'true or false', timestamp: 'a date or time', text: 'text' };

/**
 * The columns a few cells turned to text, each with the cells that are not of the type the others
 * have and the lines they are on. Choosing that type below makes those cells row errors.
 */
export function ColumnWarnings({ dataset }: { dataset: DatasetRow }) {
  if (dataset.columnWarnings.length === 0) return null;
  return (
    <section id="dataset-column-warnings" class="notice warning" aria-labelledby="column-warnings-title">
      <h3 id="column-warnings-title">Columns read as text</h3>
      <ul>
        {dataset.columnWarnings.map((w) => (
          <li data-column={w.column}>
            <strong>{w.column}</strong> looks like {TYPE_WORDS[w.likelyType]}, but {w.badCells === 1 ? '1 cell is not' : `${w.badCells.toLocaleString('en')} cells are not`}:{' '}
            {w.samples.map((s, i) => (
              <>
                {i > 0 ? ', ' : ''}line {s.line} <code>{s.value}</code>
              </>
            ))}
            {w.badCells > w.samples.length ? ', …' : ''}. Choose {w.likelyType} for it below to skip those rows instead.
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A type per column: "inferred" lets ingestion decide; a chosen type applies when the file is ingested again. */
export function ColumnTypesForm({ dataset }: { dataset: DatasetRow }) {
  const columns = dataset.columns ?? [];
  if (dataset.kind !== 'table' || columns.length === 0) return null;
  const chosen = new Map(Object.entries(dataset.columnTypes).map(([name, type]) => [name.toLowerCase(), type]));
  return (
    <form class="stack" method="post" action={`/app/datasets/${dataset.id}/columns`} id="dataset-column-types">
      <h3>Column types</h3>
      <p class="muted">Cells that are not of a chosen type skip their row (listed under rejected rows).</p>
      {columns.map((c, i) => (
        <label for={`column-type-${i}`}>
          {c.name}
          <select id={`column-type-${i}`} name={`type:${c.name}`} data-column={c.name}>
            <option value="">{chosen.has(c.name.toLowerCase()) ? 'inferred' : `inferred (${c.type})`}</option>
            {TYPES.map((t) => (
              <option value={t} selected={chosen.get(c.name.toLowerCase()) === t}>
                {t}
              </option>
            ))}
          </select>
        </label>
      ))}
      <p class="buttons">
        <button type="submit">Save types and ingest again</button>
      </p>
    </form>
  );
}
