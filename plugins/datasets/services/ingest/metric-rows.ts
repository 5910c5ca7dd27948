import type { Database } from 'atoll/plugin';
import { sql } from 'drizzle-orm';
import { SourceError } from '../parse/errors';
import { type MetricColumns, metricColumnsOf, metricPointOf } from '../parse/metric-row';
import type { RowErrors } from './row-errors';
import type { RowHandler } from './row-handler';

const NEEDS_QUOTING = /["\\]/g;
/** Points per INSERT: large enough that round trips do not dominate, small enough to stream. */
export const METRIC_BATCH_ROWS = 20_000;

/**
 * Collects accepted metric points into column arrays and writes them with one INSERT ... UNNEST
 * per batch. Each array travels as one Postgres array literal built here, so a batch is five
 * parameters whatever its size (far from the 65,535 limit) and pg does no per-element work.
 */
export class MetricRows implements RowHandler {
  #columns: MetricColumns | undefined;
  #metrics: string[] = [];
  #values: string[] = [];
  #times: number[] = [];
  stored = 0;

  constructor(
    private readonly ids: { tenantId: string; datasetId: string },
    private readonly ingestMs: number,
    private readonly errors: RowErrors,
  ) {}

  get pending(): number {
    return this.#values.length;
  }

  get full(): boolean {
    return this.#values.length >= METRIC_BATCH_ROWS;
  }

  header(fields: string[]): void {
    this.#columns = metricColumnsOf(fields);
  }

  csvRow(fields: string[], line: number): void {
    const c = this.#columns!;
    this.#accept(metricPointOf(c.metric >= 0 ? fields[c.metric] : undefined, fields[c.value], c.timestamp >= 0 ? fields[c.timestamp] : undefined, this.ingestMs), line);
  }

  jsonElement(value: unknown, index: number): void {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new SourceError(`Element ${index} of the JSON array is not an object`);
    const row = value as Record<string, unknown>;
    this.#accept(metricPointOf(row.metric, row.value, row.timestamp, this.ingestMs), index);
  }

  #accept(point: ReturnType<typeof metricPointOf>, line: number) {
    if (typeof point === 'string') return this.errors.add(line, point);
    this.#metrics.push(point.metric);
    this.#values.push(point.value);
    this.#times.push(point.ms);
  }

  /**
   * Takes the pending points as a ready-to-send INSERT: the literals are built now, while the
   * previous batch may still be writing, so the next statement leaves as soon as that one ends.
   */
  takeBatch(): (tx: Database) => Promise<void> {
    const metrics = `{${this.#metrics.map((m) => `"${m.replace(NEEDS_QUOTING, '\\$&')}"`).join(',')}}`;
    const values = `{${this.#values.join(',')}}`;
    const times = `{${this.#times.join(',')}}`;
    this.stored += this.#values.length;
    this.#metrics = [];
    this.#values = [];
    this.#times = [];
    const { tenantId, datasetId } = this.ids;
    // Awaited inside: drizzle queries are lazy thenables that run again on every then().
    return async (tx) => {
      await tx.execute(sql`
        insert into datasets_metric_points (tenant_id, dataset_id, metric, value, ts)
        select ${tenantId}::uuid, ${datasetId}::uuid, m, v, to_timestamp(t / 1000::float8)
        from unnest(${metrics}::text[], ${values}::float8[], ${times}::float8[]) as u(m, v, t)`);
    };
  }
}
