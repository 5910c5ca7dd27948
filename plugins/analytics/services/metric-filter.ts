import { and, eq, gte, isNotNull, lt, lte, sql, type SQL } from 'drizzle-orm';
import { finiteDouble, internalQueryError, runInTenant, type Database, type Logger } from 'atoll/plugin';
import { datasets, metricPoints } from '../../datasets';
import { AnalyticsErrorCode, datasetNotFound } from '../errors';
import type { Aggregate, TimeRange } from './buckets';

/** What every analytics service gets. */
export interface AnalyticsContext {
  db: Database;
}

/** What the aggregating services get: also a logger (the request's), for a query that fails. */
export interface AggregateContext extends AnalyticsContext {
  logger: Logger;
}

/** One metric over a range, optionally of one dataset. */
export interface MetricSelection {
  tenantId: string;
  metric: string;
  range: TimeRange;
  datasetId?: string | undefined;
}

// A double's shortest text (extra_float_digits 1, pinned below) reads back as the same double.
const exactly = sql`${metricPoints.value}::text::numeric`;

/**
 * The SQL aggregate of each `agg` (a fixed list: nothing from the request reaches the SQL text).
 * Sums and means are computed in numeric: float8's sum overflows past the largest double and its
 * avg, which also sums the squares, from about 1e154. A mean of finite values is always finite; a
 * sum beyond the double range is NULL.
 */
export const AGGREGATE_SQL: Record<Aggregate, SQL> = {
  avg: finiteDouble(sql`avg(${exactly})`),
  sum: finiteDouble(sql`sum(${exactly})`),
  min: sql`min(${metricPoints.value})`,
  max: sql`max(${metricPoints.value})`,
  count: sql`count(*)::float8`,
};

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

/** 404 `ANALYTICS_DATASET_NOT_FOUND` unless the dataset exists in the transaction's tenant. */
export async function assertDatasetVisible(tx: Database, datasetId: string | undefined): Promise<void> {
  if (!datasetId) return;
  const [row] = await tx.select({ id: datasets.id }).from(datasets).where(eq(datasets.id, datasetId));
  if (!row) throw datasetNotFound();
}

/** Runs `fn` in the tenant's transaction after checking the optional dataset belongs to it. */
export const inTenantWithDataset = <T>(ctx: AnalyticsContext, tenantId: string, datasetId: string | undefined, fn: (tx: Database) => Promise<T>) =>
  runInTenant(ctx.db, tenantId, async (tx) => {
    await assertDatasetVisible(tx, datasetId);
    return fn(tx);
  });

/**
 * `inTenantWithDataset` for a query that aggregates a selection: pins `extra_float_digits` (see
 * `AGGREGATE_SQL`), and turns a failure of the query, which the server built, into a logged 500
 * (`internalQueryError`) instead of the kernel's 400 for a class 22 SQLSTATE.
 */
export const aggregateInTenant = <T>(ctx: AggregateContext, selection: MetricSelection, what: string, fn: (tx: Database) => Promise<T>) =>
  inTenantWithDataset(ctx, selection.tenantId, selection.datasetId, async (tx) => {
    try {
      await tx.execute(sql`select set_config('extra_float_digits', '1', true)`);
      return await fn(tx);
    } catch (error) {
      throw internalQueryError(error, { code: AnalyticsErrorCode.QUERY_FAILED, detail: 'The analytics query failed', what, logger: ctx.logger, fields: { metric: selection.metric, datasetId: selection.datasetId } });
    }
  });
