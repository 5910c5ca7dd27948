import { createRoute, defineRoute, getDb, getDetachedDb, getTenant, problemResponses, type RouteDefinition, z } from 'atoll/plugin';
import type { DatasetsDeps } from '../deps';
import { exportDatasetCsv } from '../services/reads/export-dataset';
import { getDatasetSchema, PREVIEW_DEFAULT, PREVIEW_MAX, previewDataset } from '../services/reads/read-dataset';
import { summarizeDataset } from '../services/reads/summarize-dataset';
import { READ } from './query';

const Params = z.object({ id: z.string().uuid().openapi({ description: 'Dataset id' }) });
const ColumnType = z.enum(['integer', 'number', 'boolean', 'timestamp', 'text']);
const Column = z.object({ name: z.string(), type: ColumnType });
const Value = z.unknown().openapi({ description: 'integer/number: JSON number (string beyond ±2^53); boolean; timestamp: ISO 8601 UTC; text' });
const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const errors = problemResponses(400, 401, 403, 404, 409);

const SchemaSchema = z.object({ id: z.string(), name: z.string(), kind: z.enum(['metric', 'table']), columns: z.array(Column), rowCount: z.number().int() }).openapi('DatasetSchema');
const PreviewSchema = z.object({ id: z.string(), name: z.string(), columns: z.array(Column), rows: z.array(z.array(Value)) }).openapi('DatasetPreview');
const SummarySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    rowCount: z.number().int(),
    columns: z.array(
      Column.extend({ count: z.number().int(), nulls: z.number().int(), distinct: z.number().int(), min: Value, max: Value, mean: z.number().nullable().openapi({ description: 'Numbers only' }) }),
    ),
  })
  .openapi('DatasetSummary');
const PreviewQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(PREVIEW_MAX)
    .optional()
    .openapi({ description: `Rows (default ${PREVIEW_DEFAULT}, at most ${PREVIEW_MAX})` }),
});
const ExportQuery = z.object({ format: z.enum(['csv']).default('csv').openapi({ description: 'Only csv for now' }) });

const schema = createRoute({
  method: 'get',
  path: '/datasets/{id}/schema',
  operationId: 'datasets.getSchema',
  summary: 'Columns and row count of a ready dataset (metric datasets: metric, value, timestamp)',
  request: { params: Params },
  responses: { 200: json(SchemaSchema, 'The schema'), ...errors },
});
const preview = createRoute({
  method: 'get',
  path: '/datasets/{id}/preview',
  operationId: 'datasets.previewRows',
  summary: 'The first rows of a ready dataset, as arrays in column order',
  request: { params: Params, query: PreviewQuery },
  responses: { 200: json(PreviewSchema, 'The first rows'), ...errors },
});
const summary = createRoute({
  method: 'get',
  path: '/datasets/{id}/summary',
  operationId: 'datasets.summarize',
  summary: 'Per column: count, nulls, distinct, min, max and mean (numbers)',
  request: { params: Params },
  responses: { 200: json(SummarySchema, 'The summary'), ...errors, ...problemResponses(503) },
});
const exportCsv = createRoute({
  method: 'get',
  path: '/datasets/{id}/export',
  operationId: 'datasets.exportRows',
  summary: "Every row as a CSV download, streamed (cells starting with = + - @ TAB or CR are prefixed with ')",
  request: { params: Params, query: ExportQuery },
  responses: { 200: { description: 'The CSV', content: { 'text/csv': { schema: z.string() } } }, ...errors },
});

export const readRoutes = (deps: DatasetsDeps): RouteDefinition[] => [
  defineRoute(schema, async (c) => c.json(await getDatasetSchema({ db: getDb(c), tenantId: getTenant(c).id, datasetId: c.req.valid('param').id }), 200), { access: READ }),
  defineRoute(preview, async (c) => c.json(await previewDataset({ db: getDb(c), tenantId: getTenant(c).id, datasetId: c.req.valid('param').id, limit: c.req.valid('query').limit }), 200), {
    access: READ,
  }),
  defineRoute(summary, async (c) => c.json(await summarizeDataset({ db: getDb(c), tenantId: getTenant(c).id, datasetId: c.req.valid('param').id, logger: c.get('logger') }), 200), { access: READ }),
  defineRoute(
    exportCsv,
    async (c) => {
      // The body streams from a cursor after the handler returns: off the request's transaction.
      const { filename, body } = await exportDatasetCsv({ db: getDetachedDb(c), tenantId: getTenant(c).id, datasetId: c.req.valid('param').id, logger: deps.logger });
      return new Response(body, {
        status: 200,
        headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${filename}"`, 'cache-control': 'no-store' },
      }) as never;
    },
    { access: READ },
  ),
];
