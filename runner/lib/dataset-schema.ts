import type { HandlerContext } from '../handlers/types';
import type { ColumnType } from './column-profile';

export interface DatasetSchema {
  name: string;
  kind: 'metric' | 'table';
  rowCount: number;
  columns: { name: string; type: ColumnType }[];
}

/** Reads the job's `schema.json` resource (the dataset's columns and their types). */
export async function datasetSchema(ctx: HandlerContext): Promise<DatasetSchema> {
  return (await (await ctx.resource('schema.json')).json()) as DatasetSchema;
}

/** The data rows of a CSV resource: the header is checked against the schema and skipped. */
export async function* dataRows(records: AsyncIterable<(string | null)[]>, schema: DatasetSchema): AsyncGenerator<(string | null)[]> {
  let header = true;
  for await (const cells of records) {
    if (header) {
      header = false;
      if (cells.length !== schema.columns.length) throw new Error(`the CSV has ${cells.length} columns, the schema ${schema.columns.length}`);
      continue;
    }
    yield cells;
  }
}
