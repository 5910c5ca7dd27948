import { finiteDouble } from 'atoll/plugin';
import { and, eq, gte, isNotNull, lt, lte, type SQL, sql } from 'drizzle-orm';
import { datasets, metricPoints } from '../../db/schema';
import type { MetricAggregate, MetricSelection } from '../../refs';

// A double's shortest text (extra_float_digits 1, pinned by `pinFloatText`) reads back as the same double.
const exactly = sql`${metricPoints.value}::text::numeric`;

/**
 * The SQL aggregate of each `agg` (a fixed list: nothing from the request reaches the SQL text).
 * Sums and means are computed in numeric: float8's sum overflows past the largest double and its
 * avg, which also sums the squares, from about 1e154. A mean of finite values is always finite; a
 * sum beyond the double range is NULL.
 */
export const AGGREGATE_SQL: Record<MetricAggregate, SQL> = {
  avg: finiteDouble(sql`avg(${exactly})`),
  sum: finiteDouble(sql`sum(${exactly})`),
  min: sql`min(${metricPoints.value})`,
  max: sql`max(${metricPoints.value})`,
  count: sql`count(*)::float8`,
};

/** Pins `extra_float_digits` for the rest of the transaction, so `AGGREGATE_SQL`'s text cast is exact. */
export const pinFloatText = sql`select set_config('extra_float_digits', '1', true)`;

/**
 * Points of datasets with a completed ingestion (`ingested_at` set): their stored rows are always
 * one whole run, because a run deletes and inserts them in the same transaction that marks the
 * dataset ready, and a failed run deletes them. So a dataset being re-ingested keeps showing its
 * previous data until the new data replaces it, and one that never finished shows nothing.
 */
export const ingestedDatasetJoin = and(eq(datasets.id, metricPoints.datasetId), eq(datasets.tenantId, metricPoints.tenantId), isNotNull(datasets.ingestedAt));

// Postgres and ISO 8601 strings (how instants are sent) agree on years 1 to 9999 only, and every
// stored point lies within them: a range reaching beyond (year 0, a KPI's previous period) is clamped.
const EARLIEST = new Date('0001-01-01T00:00:00Z');
const LATEST = new Date('9999-12-31T23:59:59.999Z');

/** The WHERE clause of a metric selection (the tenant filter too, besides row-level security). */
export const selectionFilter = (s: MetricSelection) =>
  and(
    eq(metricPoints.tenantId, s.tenantId),
    eq(metricPoints.metric, s.metric),
    gte(metricPoints.ts, s.range.from < EARLIEST ? EARLIEST : s.range.from),
    s.range.to > LATEST ? lte(metricPoints.ts, LATEST) : lt(metricPoints.ts, s.range.to < EARLIEST ? EARLIEST : s.range.to),
    s.datasetId ? eq(metricPoints.datasetId, s.datasetId) : undefined,
  );
