import { z } from 'atoll/plugin';
import { AGGREGATES, BUCKETS } from '../services/buckets';

const isoInstant = z.iso.datetime({ offset: true });
const optionalId = z.string().uuid().optional().openapi({ description: 'Only this dataset (of the tenant)' });

export const MetricName = z.string().min(1).max(200).openapi({ example: 'cpu_load' });

export const MetricsQuery = z.object({ datasetId: optionalId });

export const TimeseriesQuery = z.object({
  metric: MetricName.openapi({ description: 'The metric name (exact match)' }),
  from: isoInstant.optional().openapi({ description: 'Range start, inclusive (ISO 8601); default `to` minus 24 hours' }),
  to: isoInstant.optional().openapi({ description: 'Range end, exclusive (ISO 8601); default now' }),
  bucket: z.enum(BUCKETS).default('hour').openapi({ description: 'UTC bucket size; weeks start on Monday (default hour)' }),
  agg: z.enum(AGGREGATES).default('avg').openapi({ description: 'Aggregate per bucket (default avg)' }),
  fill: z.enum(['none', 'zero']).default('none').openapi({ description: 'Empty buckets: left out (none, default) or value 0 and count 0 (zero)' }),
  datasetId: optionalId,
});

const iso = z.string().openapi({ format: 'date-time' });

export const MetricListSchema = z
  .object({
    items: z.array(z.object({ metric: z.string(), count: z.number().int(), from: iso, to: iso, datasetIds: z.array(z.string().uuid()) })),
    truncated: z.boolean().openapi({ description: 'More than 1000 metrics: only the first 1000 by name are listed' }),
  })
  .openapi('MetricList');

export const TimeseriesSchema = z
  .object({
    metric: z.string(),
    bucket: z.enum(BUCKETS),
    agg: z.enum(AGGREGATES),
    from: iso,
    to: iso,
    fill: z.enum(['none', 'zero']),
    points: z.array(
      z.object({
        t: iso.openapi({ description: 'Bucket start (UTC)' }),
        value: z.number().nullable().openapi({ description: 'The aggregate; null only for a sum beyond the double range (±1.8e308)' }),
        count: z.number().int(),
      }),
    ),
  })
  .openapi('Timeseries');

const counts = z.object({ created: z.number().int(), queued: z.number().int(), ingesting: z.number().int(), ready: z.number().int(), error: z.number().int() });

export const SummarySchema = z
  .object({
    datasets: z.object({ total: z.number().int(), byStatus: counts, byKind: z.object({ metric: z.number().int(), table: z.number().int() }) }),
    rows: z.object({ metricPoints: z.number().int(), tableRows: z.number().int() }),
    metrics: z.number().int(),
    lastIngestedAt: iso.nullable(),
  })
  .openapi('AnalyticsSummary');

export const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
