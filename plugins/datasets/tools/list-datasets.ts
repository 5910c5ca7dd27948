import { type ChatToolDefinition, storableString, toolTable, z } from 'atoll/plugin';
import { READ } from '../routes/access';
import { listDatasets } from '../services/list-datasets';
import { datasetSource } from '../services/sql/dataset-source';

const Input = z.object({
  name: storableString().trim().min(1).max(63).optional().describe('Only datasets whose name contains this text (ignoring case)'),
  kind: z.enum(['metric', 'table']).optional().describe('Only metric datasets (points: metric, value, timestamp) or table datasets (CSV columns)'),
  status: z.enum(['created', 'queued', 'ingesting', 'ready', 'error']).optional().describe('Only datasets in this state; only ready ones can be queried'),
  limit: z.number().int().min(1).max(100).default(50).describe('At most this many datasets, newest first (default 50)'),
});

/** `datasets_list`: the tenant's datasets as a table, for the model to pick what to query. */
export const listDatasetsTool: ChatToolDefinition<z.output<typeof Input>> = {
  name: 'datasets_list',
  description:
    "Lists the tenant's datasets, newest first: name (how SQL refers to it), kind, status, row count and columns with their types. Filter by part of the name, kind or status. Use the names in datasets_sql_query and datasets_describe.",
  input: Input,
  minRole: READ.tenantRole,
  scopes: READ.scopes,
  run: async (input, ctx) => {
    const page = await listDatasets({ ctx: { db: ctx.db }, input: { tenantId: ctx.tenantId, limit: input.limit, nameContains: input.name, kind: input.kind, status: input.status } });
    const rows = page.items.map((d) => [
      d.name,
      d.kind,
      d.status,
      d.rowCount,
      d.kind === 'table' && !d.columns
        ? ''
        : datasetSource(d)
            .columns.map((c) => `${c.name} ${c.type}`)
            .join('; '),
      d.id,
    ]);
    const { text, table } = toolTable({ columns: ['name', 'kind', 'status', 'rows', 'columns', 'id'], rows, truncated: page.nextCursor !== null });
    return { text, table, summary: `${rows.length}${page.nextCursor ? '+' : ''} dataset${rows.length === 1 ? '' : 's'}` };
  },
};
