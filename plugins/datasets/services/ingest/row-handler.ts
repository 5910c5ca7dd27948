import type { Database } from 'atoll/plugin';

/** What the ingestion loop feeds parsed records to: metric points or table rows. */
export interface RowHandler {
  /** Rows accepted and not yet written. */
  readonly pending: number;
  /** True when the pending rows make a batch worth writing. */
  readonly full: boolean;
  /** Rows written so far. */
  readonly stored: number;
  /** The CSV header (the first record). */
  header(fields: string[]): void;
  csvRow(fields: string[], line: number): void;
  jsonElement(value: unknown, index: number): void;
  /** Takes the pending rows (counted as stored) as an INSERT to run; it settles when the INSERT has run. */
  takeBatch(): (tx: Database) => Promise<void>;
}
