import type { Database } from 'atoll/plugin';
import type { ColumnType, ColumnWarning, DatasetColumn, DatasetKind, DatasetRow } from '../../db/schema';
import { MetricRows } from './metric-rows';
import type { RowErrors } from './row-errors';
import type { RowHandler } from './row-handler';
import { TableRows } from './table-rows';

const METRIC_NAMES = new Set(['metric', 'value', 'timestamp']);

/**
 * The kind a CSV header reads as: `metric` only when it has `value` and nothing but `metric`,
 * `value` and `timestamp` (any case); anything else (a sales file with an amount, a date, a region)
 * is a `table`, so no column is dropped.
 */
export function kindOfHeader(fields: readonly string[]): DatasetKind {
  const names = fields.map((f) => f.trim().toLowerCase());
  return names.includes('value') && names.every((n) => METRIC_NAMES.has(n)) ? 'metric' : 'table';
}

/** What a finished run records besides its counts: the kind (guessed or chosen) and, for tables, columns and warnings. */
export interface RunOutcome {
  kind: DatasetKind;
  columns: DatasetColumn[] | null;
  columnWarnings: ColumnWarning[];
  columnTypes: Record<string, ColumnType>;
}

/**
 * The row handler of a run: the dataset's kind, or, when the dataset takes its kind from the header
 * (CSV), the kind `kindOfHeader` reads once the header arrives. JSON is metric whatever was asked.
 */
export class RowsForKind implements RowHandler {
  #rows: MetricRows | TableRows | undefined;

  constructor(
    private readonly dataset: Pick<DatasetRow, 'kind' | 'kindFromHeader' | 'format' | 'columnTypes'>,
    private readonly make: { ids: { tenantId: string; datasetId: string }; requestedMs: number; errors: RowErrors },
  ) {
    if (!dataset.kindFromHeader || dataset.format !== 'csv') this.#rows = this.#of(dataset.format === 'json' ? 'metric' : dataset.kind);
  }

  #of(kind: DatasetKind): MetricRows | TableRows {
    const { ids, requestedMs, errors } = this.make;
    return kind === 'metric' ? new MetricRows(ids, requestedMs, errors) : new TableRows(ids, errors, this.dataset.columnTypes);
  }

  get #inner(): MetricRows | TableRows {
    // The parser always sends the header first.
    return this.#rows!;
  }

  get pending(): number {
    return this.#rows?.pending ?? 0;
  }

  get full(): boolean {
    return this.#rows?.full ?? false;
  }

  get stored(): number {
    return this.#rows?.stored ?? 0;
  }

  header(fields: string[]): void {
    this.#rows ??= this.#of(kindOfHeader(fields));
    this.#inner.header(fields);
  }

  csvRow(fields: string[], line: number): void {
    this.#inner.csvRow(fields, line);
  }

  jsonElement(value: unknown, index: number): void {
    this.#inner.jsonElement(value, index);
  }

  takeBatch(): (tx: Database) => Promise<void> {
    return this.#inner.takeBatch();
  }

  outcome(): RunOutcome {
    const rows = this.#inner;
    if (rows instanceof MetricRows) return { kind: 'metric', columns: null, columnWarnings: [], columnTypes: {} };
    return { kind: 'table', columns: rows.columns(), columnWarnings: rows.warnings(), columnTypes: rows.chosenTypes() };
  }
}
