import { and, eq, gte, isNotNull, lt, lte, sql, type SQL } from 'drizzle-orm';
import { runInTenant, type Database } from 'atoll/plugin';
import { datasets, metricPoints } from '../../datasets';
import { datasetNotFound } from '../errors';
import type { Aggregate, TimeRange } from './buckets';

/** What every analytics service gets. */
export interface AnalyticsContext {
  db: Database;
}

/** One metric over a range, optionally of one dataset. */
export interface MetricSelection {
  tenantId: string;
  metric: string;
  range: TimeRange;
  datasetId?: string | undefined;
}

/** The SQL aggregate of each `agg` (a fixed list: nothing from the request reaches the SQL text). */
export const AGGREGATE_SQL: Record<Aggregate, SQL> = {
  avg: sql`avg(${metricPoints.value})`,
  sum: sql`sum(${metricPoints.value})`,
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
