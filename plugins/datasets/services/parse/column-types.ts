import type { ColumnType, DatasetColumn } from '../../db/schema';
import { isBooleanText, isIntegerText, isoTimestampOf, numberOfText } from './values';

const INTEGER = 1;
const NUMBER = 2;
const BOOLEAN = 4;
const TIMESTAMP = 8;
const ALL = INTEGER | NUMBER | BOOLEAN | TIMESTAMP;

/** The types one cell's text could be (a bit set; every integer is also a number). */
function typesOf(text: string): number {
  if (isIntegerText(text)) return INTEGER | NUMBER;
  if (numberOfText(text) !== undefined) return NUMBER;
  if (isBooleanText(text)) return BOOLEAN;
  if (isoTimestampOf(text) !== undefined) return TIMESTAMP;
  return 0;
}

/**
 * Infers each column's type while rows stream past: a column is `integer` when every non-empty
 * cell is an int64 integer, else `number`, `boolean` or `timestamp` when every one is, else `text`.
 * Empty cells do not count; a column with no non-empty cell is `text`. Once a column falls to
 * `text` its cells are no longer examined.
 *
 * @example
 * const inference = new ColumnTypeInference(['id', 'price']);
 * inference.add(['1', '9.5']);
 * inference.columns(); // [{ name: 'id', type: 'integer' }, { name: 'price', type: 'number' }]
 */
export class ColumnTypeInference {
  readonly #masks: number[];
  readonly #seen: boolean[];

  constructor(private readonly names: readonly string[]) {
    this.#masks = names.map(() => ALL);
    this.#seen = names.map(() => false);
  }

  /** Cells of one accepted row (null or '' for empty). */
  add(cells: readonly (string | null)[]): void {
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i];
      const mask = this.#masks[i]!;
      if (cell === null || cell === undefined || cell === '' || mask === 0) continue;
      this.#seen[i] = true;
      this.#masks[i] = mask & typesOf(cell);
    }
  }

  columns(): DatasetColumn[] {
    return this.names.map((name, i) => ({ name, type: this.#seen[i] ? typeOfMask(this.#masks[i]!) : 'text' }));
  }
}

function typeOfMask(mask: number): ColumnType {
  if (mask & INTEGER) return 'integer';
  if (mask & NUMBER) return 'number';
  if (mask & BOOLEAN) return 'boolean';
  if (mask & TIMESTAMP) return 'timestamp';
  return 'text';
}
