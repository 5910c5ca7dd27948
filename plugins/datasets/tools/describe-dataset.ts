import { type ChatToolDefinition, runInTenant, storableString, toolTable, z } from 'atoll/plugin';
import { datasetNotFound } from '../errors';
import { READ } from '../routes/access';
import { findDatasetByRef } from '../services/find-dataset';
import { summarizeDataset } from '../services/reads/summarize-dataset';
import { datasetSource } from '../services/sql/dataset-source';

const Input = z.object({
  dataset: storableString().trim().min(1).max(100).describe('The dataset: its name (as in datasets_list) or its id'),
});

/**
 * `datasets_describe`: a dataset's columns with their SQL types, and per column the summary the
 * REST API serves (count, nulls, distinct, min, max, mean). A dataset that is not ready has no
 * rows to summarize: its state (and error) is the answer.
 */
export const describeDatasetTool: ChatToolDefinition<z.output<typeof Input>> = {
  name: 'datasets_describe',
  description:
    'Describes one dataset: kind, status, row count, description, and per column its SQL type and a summary (non-null count, nulls, distinct values, min, max, mean of numbers). Reads every row, so it can take a few seconds on large datasets.',
  input: Input,
  minRole: READ.tenantRole,
  scopes: READ.scopes,
  run: async (input, ctx) => {
    const dataset = await runInTenant(ctx.db, ctx.tenantId, (tx) => findDatasetByRef(tx, input.dataset));
    if (!dataset) throw datasetNotFound();
    const about = [`Dataset ${dataset.name} (${dataset.kind}, ${dataset.status}, ${dataset.rowCount} rows, id ${dataset.id})`, ...(dataset.description ? [`Description: ${dataset.description}`] : [])];
    if (dataset.status !== 'ready') {
      const reason = dataset.error ? ` Ingestion failed: ${dataset.error}` : ' Its rows can be read once ingestion has finished.';
      return { text: `${about.join('\n')}\nNot ready: it cannot be summarized or queried yet.${reason}`, summary: `${dataset.name}: ${dataset.status}` };
    }
    const summary = await summarizeDataset({ db: ctx.db, tenantId: ctx.tenantId, datasetId: dataset.id, logger: ctx.logger });
    const sqlTypes = new Map(datasetSource(dataset).columns.map((c) => [c.name, c.pgType]));
    const rows = summary.columns.map((c) => [c.name, sqlTypes.get(c.name) ?? c.type, c.count, c.nulls, c.distinct, c.min, c.max, c.mean]);
    const { text, table } = toolTable({ columns: ['column', 'sql_type', 'count', 'nulls', 'distinct', 'min', 'max', 'mean'], rows });
    return { text: `${about.join('\n')}\n${text}`, table, summary: `${dataset.name}: ${summary.rowCount} rows, ${rows.length} columns` };
  },
};
