import { AtollError, type Database, finiteDouble, internalQueryError, type Logger, runInTenant } from 'atoll/plugin';
import { sql } from 'drizzle-orm';
import type { ColumnType } from '../../db/schema';
import { pgErrorOf } from '../sql/map-sql-error';
import { presentValue } from '../sql/present-value';
import { readableDataset } from './readable-dataset';

export interface ColumnSummary {
  name: string;
  type: ColumnType;
  /** Non-null cells. */
  count: number;
  nulls: number;
  distinct: number;
  min: unknown;
  max: unknown;
  /** Numbers only (integer and number columns), else null; computed exactly, so it never overflows. */
  mean: number | null;
}

/** A summary reads every row: stop it rather than hold a connection for minutes. */
const SUMMARY_TIMEOUT_MS = 30_000;
const NUMERIC: ColumnType[] = ['integer', 'number'];

/**
 * The mean of a column in numeric: float8's avg also sums the squares, so it overflows from about
 * 1e154 on. A double's shortest text (extra_float_digits 1) reads back as the same double.
 */
const meanOf = (c: { type: ColumnType; expr: string }) => finiteDouble(c.type === 'number' ? `avg((${c.expr})::text::numeric)` : `avg(${c.expr})`);

/**
 * Per column of a ready dataset: count, nulls, distinct, min, max and (numbers) mean, computed in
 * one SQL pass with each cell cast to its column's type (booleans: min is bool_and, max bool_or).
 * The query is the server's: its failure is a logged 500 `DATASETS_SUMMARY_FAILED`, not a 400.
 *
 * @example
 * const { columns } = await summarizeDataset({ db, tenantId, datasetId, logger });
 */
export const summarizeDataset = (input: { db: Database; tenantId: string; datasetId: string; logger: Logger }) =>
  runInTenant(input.db, input.tenantId, async (tx) => {
    const { dataset, source } = await readableDataset(tx, input.datasetId);
    if (source.columns.length === 0) return { id: dataset.id, name: dataset.name, rowCount: dataset.rowCount, columns: [] as ColumnSummary[] };
    const parts = source.columns.flatMap((c, i) => {
      const e = c.expr;
      const [min, max] = c.type === 'boolean' ? [`bool_and(${e})`, `bool_or(${e})`] : [`min(${e})`, `max(${e})`];
      return [`count(${e}) AS n${i}`, `count(DISTINCT ${e}) AS d${i}`, `${min}::text AS lo${i}`, `${max}::text AS hi${i}`, `${NUMERIC.includes(c.type) ? meanOf(c) : 'NULL::float8'} AS m${i}`];
    });
    await tx.execute(sql`select set_config('statement_timeout', ${String(SUMMARY_TIMEOUT_MS)}, true), set_config('extra_float_digits', '1', true)`);
    let row: Record<string, string | number | null>;
    try {
      const result = await tx.execute(sql.raw(`SELECT count(*) AS total, ${parts.join(', ')} FROM ${source.from}`));
      row = result.rows[0] as typeof row;
    } catch (error) {
      if (pgErrorOf(error)?.code === '57014')
        throw new AtollError('unavailable', 'DATASETS_SUMMARY_TIMEOUT', 'The summary took too long to compute; query the dataset with SQL instead', { retryAfter: 60 });
      const fields = { datasetId: input.datasetId };
      throw internalQueryError(error, { code: 'DATASETS_SUMMARY_FAILED', detail: 'The summary could not be computed', what: 'dataset summary query', logger: input.logger, fields });
    }
    const total = Number(row.total);
    const columns = source.columns.map((c, i): ColumnSummary => {
      const count = Number(row[`n${i}`]);
      const mean = row[`m${i}`];
      return {
        name: c.name,
        type: c.type,
        count,
        nulls: total - count,
        distinct: Number(row[`d${i}`]),
        min: presentValue((row[`lo${i}`] as string | null) ?? null, c.pgType),
        max: presentValue((row[`hi${i}`] as string | null) ?? null, c.pgType),
        mean: mean === null || mean === undefined ? null : Number(mean),
      };
    });
    return { id: dataset.id, name: dataset.name, rowCount: total, columns };
  });
