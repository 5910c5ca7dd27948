import { createRoute, defineRoute, getDb, getTenant, problemResponses, type RouteDefinition, z } from 'atoll/plugin';
import { sqlBoundsOf } from '../config';
import type { DatasetsDeps } from '../deps';
import { runDatasetQuery } from '../services/run-query';
import { MAX_SQL_CHARS, ROW_CAP } from '../services/sql/limits';

export const READ = { tenantRole: 'viewer', scopes: ['datasets:read'] } as const;

export const QueryBody = z
  .object({
    sql: z.string().min(1).max(MAX_SQL_CHARS).openapi({ example: 'select region, sum(amount) as total from sales group by 1 order by 2 desc' }),
    limit: z
      .number()
      .int()
      .min(1)
      .max(ROW_CAP)
      .optional()
      .openapi({ description: `Rows to return at most (default and cap ${ROW_CAP})` }),
  })
  .openapi('DatasetQuery');

export const QueryResultSchema = z
  .object({
    columns: z.array(z.object({ name: z.string(), type: z.string().openapi({ example: 'bigint' }) })),
    rows: z.array(z.array(z.unknown())).openapi({ description: 'Rows as arrays in column order; see SQL.md for how values are typed' }),
    rowCount: z.number().int(),
    truncated: z.boolean().openapi({ description: 'True when more rows than `limit` were left out' }),
    durationMs: z.number(),
  })
  .openapi('DatasetQueryResult');

const query = createRoute({
  method: 'post',
  path: '/datasets/query',
  operationId: 'datasets.runQuery',
  summary: "Run one read-only SELECT over the tenant's datasets, referred to by name (viewer). See SQL.md",
  request: { body: { content: { 'application/json': { schema: QueryBody } }, required: true } },
  responses: {
    200: { description: 'The result', content: { 'application/json': { schema: QueryResultSchema } } },
    ...problemResponses(400, 401, 403, 404, 422, 429),
  },
});

export const queryRoutes = (deps: DatasetsDeps): RouteDefinition[] => [
  defineRoute(
    query,
    async (c) => {
      const body = c.req.valid('json');
      const rate = { limiter: deps.rateLimiter, perMinute: deps.config.sqlRatePerMinute };
      const result = await runDatasetQuery({ db: getDb(c), tenantId: getTenant(c).id, sql: body.sql, rate, bounds: sqlBoundsOf(deps.config), ...(body.limit ? { limit: body.limit } : {}) });
      return c.json(result, 200);
    },
    { access: READ },
  ),
];
