import type { ColumnType, ColumnWarning, DatasetColumn } from '../../db/schema';
import { isBooleanText, isIntegerText, isoTimestampOf, numberOfText } from './values';

const INTEGER = 1;
const NUMBER = 2;
const BOOLEAN = 4;
const TIMESTAMP = 8;
const ALL = INTEGER | NUMBER | BOOLEAN | TIMESTAMP;
const TYPED: [number, Exclude<ColumnType, 'text'>][] = [
  [INTEGER, 'integer'],
  [NUMBER, 'number'],
  [BOOLEAN, 'boolean'],
  [TIMESTAMP, 'timestamp'],
];
const BIT: Record<ColumnType, number> = { integer: INTEGER, number: NUMBER, boolean: BOOLEAN, timestamp: TIMESTAMP, text: ALL };
/** Past this many cells that do not fit a type, a column is not "one bad cell away" from it: no warning, no more tracking. */
export const MAX_WARNED_CELLS = 1000;
const SAMPLES = 5;

/** The types one cell's text could be (a bit set; every integer is also a number). */
function typesOf(text: string): number {
  if (isIntegerText(text)) return INTEGER | NUMBER;
  if (numberOfText(text) !== undefined) return NUMBER;
  if (isBooleanText(text)) return BOOLEAN;
  if (isoTimestampOf(text) !== undefined) return TIMESTAMP;
  return 0;
}

/** True when a non-empty cell's text is of `type` (every text is text). */
export const cellFitsType = (text: string, type: ColumnType): boolean => type === 'text' || (typesOf(text) & BIT[type]) !== 0;

interface Misfits {
  count: number;
  samples: { line: number; value: string }[];
}

/**
 * Infers each column's type while rows stream past: a column is `integer` when every non-empty
 * cell is an int64 integer, else `number`, `boolean` or `timestamp` when every one is, else `text`.
 * Empty cells do not count; a column with no non-empty cell is `text`. For each type it also counts
 * the cells that do not fit (with the first lines), so that a column turned to text by a few cells
 * is reported (`warnings`); a type is no longer tracked past MAX_WARNED_CELLS misfits.
 *
 * @example
 * const inference = new ColumnTypeInference(['id', 'price']);
 * inference.add(['1', '9.5'], 2);
 * inference.columns(); // [{ name: 'id', type: 'integer' }, { name: 'price', type: 'number' }]
 */
export class ColumnTypeInference {
  readonly #masks: number[];
  /** Types still tracked for misfits, per column. */
  readonly #tracked: number[];
  readonly #seen: number[];
  readonly #misfits: Misfits[][];

  constructor(private readonly names: readonly string[]) {
    this.#masks = names.map(() => ALL);
    this.#tracked = names.map(() => ALL);
    this.#seen = names.map(() => 0);
    this.#misfits = names.map(() => TYPED.map(() => ({ count: 0, samples: [] })));
  }

  /** Cells of one accepted row (null or '' for empty) and the line where it starts. */
  add(cells: readonly (string | null)[], line: number): void {
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i];
      const mask = this.#masks[i]!;
      const tracked = this.#tracked[i]!;
      if (cell === null || cell === undefined || cell === '' || (mask === 0 && tracked === 0)) continue;
      this.#seen[i]!++;
      const types = typesOf(cell);
      this.#masks[i] = mask & types;
      if ((tracked & ~types) === 0) continue;
      TYPED.forEach(([bit], t) => {
        if (!(tracked & bit) || types & bit) return;
        const misfits = this.#misfits[i]![t]!;
        if (++misfits.count > MAX_WARNED_CELLS) this.#tracked[i] = this.#tracked[i]! & ~bit;
        else if (misfits.samples.length < SAMPLES) misfits.samples.push({ line, value: cell.slice(0, 100) });
      });
    }
  }

  columns(): DatasetColumn[] {
    return this.names.map((name, i) => ({ name, type: this.#seen[i] ? typeOfMask(this.#masks[i]!) : 'text' }));
  }

  /**
   * Text columns where a typed reading fits most cells: the type with the fewest misfits (the
   * narrower on a tie), when it fits more cells than it misses.
   */
  warnings(): ColumnWarning[] {
    const warnings: ColumnWarning[] = [];
    this.names.forEach((column, i) => {
      if (!this.#seen[i] || this.#masks[i] !== 0) return;
      let best: number | undefined;
      TYPED.forEach(([bit], t) => {
        if (this.#tracked[i]! & bit && (best === undefined || this.#misfits[i]![t]!.count < this.#misfits[i]![best]!.count)) best = t;
      });
      if (best === undefined) return;
      const misfits = this.#misfits[i]![best]!;
      if (this.#seen[i]! - misfits.count <= misfits.count) return;
      warnings.push({ column, likelyType: TYPED[best]![1], badCells: misfits.count, samples: misfits.samples });
    });
    return warnings;
  }
}

function typeOfMask(mask: number): ColumnType {
  if (mask & INTEGER) return 'integer';
  if (mask & NUMBER) return 'number';
  if (mask & BOOLEAN) return 'boolean';
  if (mask & TIMESTAMP) return 'timestamp';
  return 'text';
}
