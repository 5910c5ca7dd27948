import { createRoute, defineRoute, z } from 'atoll/plugin';
import type { SystemContext } from '../context';
import { describeSystem } from '../services/describe-system';

export const SystemInfoSchema = z
  .object({
    name: z.literal('atoll'),
    version: z.string().openapi({ example: '0.1.0' }),
    build: z.string().openapi({ example: 'dev' }),
    plugins: z.array(z.object({ id: z.string(), version: z.string(), description: z.string().optional() })),
  })
  .openapi('SystemInfo');

const route = createRoute({
  method: 'get',
  path: '/system/info',
  operationId: 'system.getInfo',
  summary: 'Version of the host and of every installed plugin',
  responses: { 200: { description: 'What is running', content: { 'application/json': { schema: SystemInfoSchema } } } },
});

export const getInfoRoute = (ctx: SystemContext) =>
  defineRoute(
    route,
    (c) => {
      c.header('cache-control', 'no-store');
      return c.json(describeSystem({ input: { host: ctx.host, build: ctx.config.build } }), 200);
    },
    { access: 'public' },
  );
