import type { ColumnType, DatasetRow } from '../../db/schema';

/** A column of a dataset as SQL sees it: its name, its dataset type and the Postgres type it reads as. */
export interface SourceColumn {
  name: string;
  type: ColumnType;
  pgType: string;
  /** The SQL expression that reads it from the dataset's rows. */
  expr: string;
}

/** How to read a dataset in SQL: its typed columns, the rows' FROM clause and a stable order. */
export interface DatasetSource {
  columns: SourceColumn[];
  from: string;
  orderBy: string;
}

const PG_TYPE: Record<ColumnType, string> = { integer: 'bigint', number: 'double precision', boolean: 'boolean', timestamp: 'timestamptz', text: 'text' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A double-quoted SQL identifier. */
export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Metric datasets read as three fixed columns. */
export const METRIC_COLUMNS: SourceColumn[] = [
  { name: 'metric', type: 'text', pgType: 'text', expr: 'metric' },
  { name: 'value', type: 'number', pgType: 'double precision', expr: 'value' },
  { name: 'timestamp', type: 'timestamp', pgType: 'timestamptz', expr: 'ts' },
];

/**
 * The SQL view of a dataset: table datasets cast each cell of `cells` to its column's type
 * (integer→bigint, number→double precision, boolean, timestamp→timestamptz, text); metric datasets
 * are (metric, value, timestamp). Tables are schema-qualified so the reader's search_path cannot
 * redirect them.
 *
 * @example
 * const { columns, from } = datasetSource(dataset); // from: public.datasets_table_rows WHERE dataset_id = '…'
 */
export function datasetSource(dataset: Pick<DatasetRow, 'id' | 'kind' | 'columns'>): DatasetSource {
  if (!UUID.test(dataset.id)) throw new Error('dataset id is not a uuid');
  if (dataset.kind === 'metric') {
    return { columns: METRIC_COLUMNS, from: `public.datasets_metric_points WHERE dataset_id = '${dataset.id}'`, orderBy: 'ts, metric, value' };
  }
  const columns = (dataset.columns ?? []).map((c, i) => ({
    name: c.name,
    type: c.type,
    pgType: PG_TYPE[c.type],
    expr: c.type === 'text' ? `(cells->>${i})` : `(cells->>${i})::${PG_TYPE[c.type]}`,
  }));
  return { columns, from: `public.datasets_table_rows WHERE dataset_id = '${dataset.id}'`, orderBy: 'row_number' };
}

/** `WITH`-able definition of a dataset under its lowercased name. */
export function datasetCte(dataset: Pick<DatasetRow, 'id' | 'kind' | 'columns' | 'name'>): string {
  const source = datasetSource(dataset);
  const select = source.columns.map((c) => `${c.expr} AS ${quoteIdent(c.name)}`).join(', ');
  return `${quoteIdent(dataset.name.toLowerCase())} AS (SELECT ${select} FROM ${source.from})`;
}
