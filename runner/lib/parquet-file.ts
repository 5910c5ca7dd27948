import { type BasicType, type ColumnSource, fileWriter, ParquetWriter, schemaFromColumnData } from 'hyparquet-writer';
import type { ColumnType } from './column-profile';

/** Rows per Parquet row group: one group's columns are all this process holds of the dataset. */
export const ROW_GROUP_ROWS = 50_000;

const PARQUET_TYPE: Record<ColumnType, BasicType> = { integer: 'INT64', number: 'DOUBLE', boolean: 'BOOLEAN', timestamp: 'TIMESTAMP', text: 'STRING' };

type Cell = bigint | number | boolean | Date | string | null;

/** A CSV cell (as Postgres prints it) as the Parquet value of its column type. */
export function parquetValue(type: ColumnType, cell: string | null): Cell {
  if (cell === null) return null;
  switch (type) {
    case 'integer':
      return BigInt(cell);
    case 'number':
      return Number(cell);
    case 'boolean':
      return cell === 'true';
    case 'timestamp':
      return new Date(cell);
    default:
      return cell;
  }
}

/**
 * Writes a Parquet file row group by row group: typed, nullable columns (integer → INT64, number →
 * DOUBLE, boolean → BOOLEAN, timestamp → TIMESTAMP_MILLIS, text → UTF-8 STRING), SNAPPY pages.
 * Rows are buffered only up to ROW_GROUP_ROWS, then encoded and flushed to the file.
 *
 * @example
 * const out = new ParquetFile('/tmp/x.parquet', [{ name: 'n', type: 'integer' }]);
 * out.add(['1']);
 * await out.finish();
 */
export class ParquetFile {
  private readonly writer: ParquetWriter;
  private buffers: Cell[][];
  private rows = 0;

  constructor(
    path: string,
    private readonly columns: { name: string; type: ColumnType }[],
  ) {
    const schema = schemaFromColumnData({ columnData: columns.map((c) => ({ name: c.name, data: [], type: PARQUET_TYPE[c.type], nullable: true })) });
    this.writer = new ParquetWriter({ writer: fileWriter(path), schema, createdBy: 'atoll-runner' });
    this.buffers = columns.map(() => []);
  }

  get rowCount(): number {
    return this.rows;
  }

  add(cells: (string | null)[]): void | Promise<void> {
    if (cells.length !== this.columns.length) throw new Error(`row ${this.rows + 1} has ${cells.length} cells, the schema ${this.columns.length} columns`);
    this.columns.forEach((c, i) => this.buffers[i]!.push(parquetValue(c.type, cells[i]!)));
    this.rows++;
    if (this.buffers[0]!.length >= ROW_GROUP_ROWS) return this.flush();
  }

  async finish(): Promise<void> {
    if (this.buffers[0]!.length > 0 || this.rows === 0) await this.flush();
    await this.writer.finish();
  }

  private async flush(): Promise<void> {
    const columnData: ColumnSource[] = this.columns.map((c, i) => ({ name: c.name, data: this.buffers[i]!, type: PARQUET_TYPE[c.type], nullable: true }));
    this.buffers = this.columns.map(() => []);
    await this.writer.write({ columnData, rowGroupSize: ROW_GROUP_ROWS });
  }
}
