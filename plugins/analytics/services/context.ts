import { type Database, internalQueryError, type Logger, runInTenant } from 'atoll/plugin';
import type { MetricSelection, MetricStore } from '../../datasets';
import { AnalyticsErrorCode, datasetNotFound } from '../errors';

export type { MetricSelection };

/**
 * What every analytics service gets: the database (the request's, tenant-scoped) and the datasets
 * plugin's metric store, through which every read of metric points goes.
 */
export interface AnalyticsContext {
  db: Database;
  metrics: MetricStore;
}

/** What the aggregating services get: also a logger (the request's), for a query that fails. */
export interface AggregateContext extends AnalyticsContext {
  logger: Logger;
}

/** Runs `fn` in the tenant's transaction after checking the optional dataset belongs to it (404 `ANALYTICS_DATASET_NOT_FOUND`). */
export const inTenantWithDataset = <T>(ctx: AnalyticsContext, tenantId: string, datasetId: string | undefined, fn: (tx: Database) => Promise<T>) =>
  runInTenant(ctx.db, tenantId, async (tx) => {
    if (datasetId && !(await ctx.metrics.hasDataset(tx, datasetId))) throw datasetNotFound();
    return fn(tx);
  });

/**
 * `inTenantWithDataset` for a query that aggregates a selection: turns a failure of the query, which
 * the server built, into a logged 500 (`internalQueryError`) instead of the kernel's 400 for a
 * class 22 SQLSTATE.
 */
export const aggregateInTenant = <T>(ctx: AggregateContext, selection: MetricSelection, what: string, fn: (tx: Database) => Promise<T>) =>
  inTenantWithDataset(ctx, selection.tenantId, selection.datasetId, async (tx) => {
    try {
      return await fn(tx);
    } catch (error) {
      throw internalQueryError(error, {
        code: AnalyticsErrorCode.QUERY_FAILED,
        detail: 'The analytics query failed',
        what,
        logger: ctx.logger,
        fields: { metric: selection.metric, datasetId: selection.datasetId },
      });
    }
  });
