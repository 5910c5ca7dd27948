import type { RowError } from '../../db/schema';

/** How many rejected rows a dataset keeps the reason of. */
export const MAX_ROW_ERRORS = 100;

/** Counts every rejected row and keeps the first 100 with their line numbers. */
export class RowErrors {
  readonly list: RowError[] = [];
  skipped = 0;

  add(line: number, message: string): void {
    this.skipped++;
    if (this.list.length < MAX_ROW_ERRORS) this.list.push({ line, message });
  }
}
