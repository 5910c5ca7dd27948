import { type ChatToolContext, runInTenant, storableString, z } from 'atoll/plugin';
import { datasetsServiceRef, metricStoreServiceRef } from '../../datasets';
import { datasetNotFound, tooManyBuckets } from '../errors';
import { AGGREGATES, BUCKETS, countBuckets, RELATIVE_RANGES, resolveRange } from '../services/buckets';
import { getTimeseries, type Timeseries } from '../services/get-timeseries';

const instant = z.iso.datetime({ offset: true });

/** The REST time-series query (README.md) as tool input, plus `last` and a dataset by name. */
export const SeriesInput = z.object({
  metric: storableString().min(1).max(200).describe('The metric name, exactly as analytics_list_metrics lists it'),
  last: z.enum(RELATIVE_RANGES).optional().describe('A range ending at `to` (default now): 1h, 6h, 24h, 7d, 30d, 90d or 365d. Default 24h when `from` is not given'),
  from: instant.optional().describe('Range start, inclusive (ISO 8601 with a zone, e.g. 2026-03-01T00:00:00Z)'),
  to: instant.optional().describe('Range end, exclusive (ISO 8601 with a zone); default now'),
  bucket: z.enum(BUCKETS).default('hour').describe('UTC bucket size (weeks start on Monday); default hour'),
  agg: z.enum(AGGREGATES).default('avg').describe('Aggregate per bucket; default avg (count: number of points)'),
  fill: z.enum(['none', 'zero']).default('none').describe('Empty buckets: left out (none, default) or 0 (zero)'),
  dataset: storableString().trim().min(1).max(100).optional().describe('Only the points of this dataset (its name or id)'),
});
export type SeriesInput = z.output<typeof SeriesInput>;

/** A series and how to name it ("avg of cpu per hour"). */
export interface LoadedSeries {
  series: Timeseries;
  label: string;
}

/**
 * The series a tool asks for, through the analytics service the REST route uses. `maxBuckets`
 * bounds what one tool result holds (below the API's 10,000): a coarser bucket answers better.
 */
export async function loadSeries(input: SeriesInput, ctx: ChatToolContext, maxBuckets: number): Promise<LoadedSeries> {
  const range = resolveRange({ from: input.from ? new Date(input.from) : undefined, to: input.to ? new Date(input.to) : undefined, last: input.last }, input.bucket, new Date());
  const count = countBuckets(range, input.bucket);
  if (count > maxBuckets) throw tooManyBuckets(count, maxBuckets);
  const datasetId = input.dataset ? await datasetIdOf(ctx, input.dataset) : undefined;
  const selection = { tenantId: ctx.tenantId, metric: input.metric, range, bucket: input.bucket, agg: input.agg, fill: input.fill, datasetId };
  const series = await getTimeseries({ ctx: { db: ctx.db, logger: ctx.logger, metrics: ctx.plugin.service(metricStoreServiceRef) }, input: selection });
  return { series, label: `${input.agg} of ${input.metric} per ${input.bucket}` };
}

/** A dataset of the tenant by name or id (the datasets plugin resolves names), else 404 ANALYTICS_DATASET_NOT_FOUND. */
export async function datasetIdOf(ctx: ChatToolContext, ref: string): Promise<string> {
  const found = await runInTenant(ctx.db, ctx.tenantId, (tx) => ctx.plugin.service(datasetsServiceRef).findDataset(tx, ref));
  if (!found) throw datasetNotFound();
  return found.id;
}

/** `[from, to)` of a series, for the model's text. */
export const rangeText = (series: Timeseries) => `[${series.from}, ${series.to})`;
