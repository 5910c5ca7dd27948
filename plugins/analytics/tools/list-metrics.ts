import { type ChatToolDefinition, storableString, toolTable, z } from 'atoll/plugin';
import { metricStoreServiceRef } from '../../datasets';
import { READ } from '../routes/access';
import { listMetrics } from '../services/list-metrics';
import { datasetIdOf } from './series-input';

const Input = z.object({
  dataset: storableString().trim().min(1).max(100).optional().describe('Only the metrics of this dataset (its name or id)'),
});

/** `analytics_list_metrics`: what there is to chart, and over which time span. */
export const listMetricsTool: ChatToolDefinition<z.output<typeof Input>> = {
  name: 'analytics_list_metrics',
  description:
    "Lists the metrics of the tenant's ingested metric datasets (or of one dataset) by name: point count, first and last point time (UTC) and the ids of the datasets holding them. Use it before analytics_timeseries or analytics_chart to pick a metric and a time range that has data.",
  input: Input,
  minRole: READ.tenantRole,
  scopes: READ.scopes,
  run: async (input, ctx) => {
    const datasetId = input.dataset ? await datasetIdOf(ctx, input.dataset) : undefined;
    const { items, truncated } = await listMetrics({ ctx: { db: ctx.db, metrics: ctx.plugin.service(metricStoreServiceRef) }, input: { tenantId: ctx.tenantId, datasetId } });
    const rows = items.map((m) => [m.metric, m.count, m.from, m.to, m.datasetIds.join(' ')]);
    const { text, table } = toolTable({ columns: ['metric', 'points', 'first', 'last', 'dataset_ids'], rows, truncated });
    return { text, table, summary: `${rows.length}${truncated ? '+' : ''} metric${rows.length === 1 ? '' : 's'}` };
  },
};
