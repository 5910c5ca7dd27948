import type { Database } from 'atoll/plugin';
import { sql } from 'drizzle-orm';
import type { ColumnType, ColumnWarning, DatasetColumn } from '../../db/schema';
import { ColumnTypeInference, cellFitsType } from '../parse/column-types';
import { SourceError } from '../parse/errors';
import type { RowErrors } from './row-errors';
import type { RowHandler } from './row-handler';

/** Longest column name in bytes: Postgres truncates identifiers beyond 63. */
const MAX_NAME_BYTES = 63;
const CONTROL = /[\u0000-\u001f\u007f]/;
/** A table batch ends at 10,000 rows or about 8 MiB of cell text, whichever comes first. */
const TABLE_BATCH_ROWS = 10_000;
const TABLE_BATCH_CHARS = 8 * 1024 * 1024;

/** Checks a table header: names non-empty once trimmed, at most 63 bytes, no control characters, unique ignoring case. */
export function tableHeaderOf(fields: readonly string[]): string[] {
  const names = fields.map((f) => f.trim());
  const seen = new Set<string>();
  names.forEach((name, i) => {
    if (name === '') throw new SourceError(`Column ${i + 1} of the header has no name`);
    if (new TextEncoder().encode(name).length > MAX_NAME_BYTES || CONTROL.test(name)) {
      throw new SourceError(`Column name "${name.slice(0, 80)}" is not allowed (at most ${MAX_NAME_BYTES} bytes, no control characters)`);
    }
    const key = name.toLowerCase();
    if (seen.has(key)) throw new SourceError(`Column name "${name}" appears twice in the header (names are compared ignoring case)`);
    seen.add(key);
  });
  return names;
}

const TYPE_WORDS: Record<ColumnType, string> = { integer: 'an integer', number: 'a number', boolean: 'true or false', timestamp: 'an ISO 8601 date or time', text: 'text' };

/**
 * Table rows: cells kept as their source text (null when empty), each column's type inferred over
 * the whole file, or the type the user chose for it (`columnTypes`, names ignoring case): a row with
 * a cell that is not of its column's chosen type is rejected. Rows with a different number of cells
 * than the header are rejected. A batch is
 * written as one JSON document expanded by Postgres (`jsonb_array_elements`): four parameters.
 */
export class TableRows implements RowHandler {
  #names: string[] = [];
  #inference: ColumnTypeInference | undefined;
  /** The chosen type of each column, by position. */
  #chosen: (ColumnType | undefined)[] = [];
  #rows: (string | null)[][] = [];
  #chars = 0;
  stored = 0;

  constructor(
    private readonly ids: { tenantId: string; datasetId: string },
    private readonly errors: RowErrors,
    private readonly columnTypes: Record<string, ColumnType> = {},
  ) {}

  get pending(): number {
    return this.#rows.length;
  }

  get full(): boolean {
    return this.#rows.length >= TABLE_BATCH_ROWS || this.#chars >= TABLE_BATCH_CHARS;
  }

  header(fields: string[]): void {
    this.#names = tableHeaderOf(fields);
    this.#inference = new ColumnTypeInference(this.#names);
    const chosen = new Map(Object.entries(this.columnTypes).map(([name, type]) => [name.toLowerCase(), type]));
    this.#chosen = this.#names.map((name) => chosen.get(name.toLowerCase()));
  }

  csvRow(fields: string[], line: number): void {
    if (fields.length !== this.#names.length) return this.errors.add(line, `expected ${this.#names.length} cells, found ${fields.length}`);
    // Postgres text and jsonb cannot hold NUL.
    if (fields.some((f) => f.includes('\u0000'))) return this.errors.add(line, 'a cell contains a NUL character');
    const misfit = fields.findIndex((f, i) => f !== '' && this.#chosen[i] !== undefined && !cellFitsType(f, this.#chosen[i]!));
    if (misfit >= 0) return this.errors.add(line, `${this.#names[misfit]}: "${fields[misfit]!.slice(0, 40)}" is not ${TYPE_WORDS[this.#chosen[misfit]!]}`);
    const cells = fields.map((f) => (f === '' ? null : f));
    this.#inference!.add(cells, line);
    this.#rows.push(cells);
    for (const f of fields) this.#chars += f.length + 3;
  }

  jsonElement(): void {
    throw new SourceError('Table datasets are read from CSV only');
  }

  /** The columns (after the last row): the chosen type, else the inferred one. */
  columns(): DatasetColumn[] {
    return (this.#inference?.columns() ?? []).map((c, i) => ({ name: c.name, type: this.#chosen[i] ?? c.type }));
  }

  /** Columns a few cells turned to text (none for a column whose type was chosen). */
  warnings(): ColumnWarning[] {
    return (this.#inference?.warnings() ?? []).filter((w) => this.#chosen[this.#names.indexOf(w.column)] === undefined);
  }

  /** The chosen types of the header's columns (a choice for a column the file lacks is dropped). */
  chosenTypes(): Record<string, ColumnType> {
    return Object.fromEntries(this.#names.flatMap((name, i) => (this.#chosen[i] ? [[name, this.#chosen[i]]] : [])));
  }

  /** Takes the pending rows as a ready-to-send INSERT (built now, sent when the caller is ready). */
  takeBatch(): (tx: Database) => Promise<void> {
    const document = JSON.stringify(this.#rows);
    const offset = this.stored;
    this.stored += this.#rows.length;
    this.#rows = [];
    this.#chars = 0;
    const { tenantId, datasetId } = this.ids;
    // Awaited inside: drizzle queries are lazy thenables that run again on every then().
    return async (tx) => {
      await tx.execute(sql`
        insert into datasets_table_rows (tenant_id, dataset_id, row_number, cells)
        select ${tenantId}::uuid, ${datasetId}::uuid, ${offset}::int + e.i::int, e.c
        from jsonb_array_elements(${document}::jsonb) with ordinality as e(c, i)`);
    };
  }
}
