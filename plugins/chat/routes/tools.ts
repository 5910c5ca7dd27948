import { type AppContext, coreServices, createRoute, defineRoute, getDb, getPrincipal, getTenant, type PluginContext, problemResponses, z } from 'atoll/plugin';
import type { ChatConfig } from '../config';
import type { ToolCaller } from '../refs';
import { chatToolsService } from '../services/tools-service';
import { json, jsonBody } from './schemas';

const ToolSchema = z
  .object({
    name: z.string(),
    plugin: z.string(),
    description: z.string(),
    inputSchema: z.record(z.string(), z.unknown()).openapi({ description: 'JSON Schema of the tool input' }),
    writes: z.boolean().openapi({ description: 'It changes data: the assistant asks before running it' }),
    minRole: z.enum(['viewer', 'member', 'admin', 'owner']),
  })
  .openapi('ChatTool');

const ToolResultSchema = z
  .object({
    name: z.string(),
    durationMs: z.number().int(),
    result: z.object({
      text: z.string(),
      summary: z.string().optional(),
      table: z.object({ columns: z.array(z.string()), rows: z.array(z.array(z.unknown())), truncated: z.boolean().optional() }).optional(),
      svg: z.string().optional(),
    }),
  })
  .openapi('ChatToolRun');

const ToolParams = z.object({
  name: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[a-z][a-z0-9_]*$/)
    .openapi({ description: 'Tool name, e.g. datasets_sql_query' }),
});
const RunToolBody = z.object({ input: z.record(z.string(), z.unknown()).default({}).openapi({ description: 'The tool input (its inputSchema)' }) }).openapi('RunChatTool');

const list = createRoute({
  method: 'get',
  path: '/chat/tools',
  operationId: 'chat.listTools',
  summary: 'The tools you may use (your role, and for an API key its scopes), with their input schemas',
  responses: { 200: json(z.object({ items: z.array(ToolSchema) }).openapi('ChatToolList'), 'The tools'), ...problemResponses(401, 403, 404) },
});

const run = createRoute({
  method: 'post',
  path: '/chat/tools/{name}',
  operationId: 'chat.runTool',
  summary: 'Run a tool directly, with your rights (a writing tool runs: calling it is the approval)',
  request: { params: ToolParams, ...jsonBody(RunToolBody) },
  responses: { 200: json(ToolResultSchema, 'The tool result'), ...problemResponses(400, 401, 403, 404, 422, 429) },
});

const callerOf = (c: AppContext): ToolCaller => ({ principal: getPrincipal(c), role: getTenant(c).role });
const access = { access: { tenantRole: 'viewer' as const, scopes: ['chat:tools'] } };

export const toolRoutes = (ctx: PluginContext<ChatConfig>) => {
  const tools = chatToolsService({ tools: () => ctx.service(coreServices.chatTools), logger: ctx.logger, timeoutMs: ctx.config.toolTimeoutMs });
  return [
    defineRoute(
      list,
      (c) => {
        const items = tools.usable(callerOf(c)).map(({ pluginId, definition, inputSchema }) => ({
          name: definition.name,
          plugin: pluginId,
          description: definition.description,
          inputSchema,
          writes: definition.writes ?? false,
          minRole: definition.minRole ?? 'viewer',
        }));
        return c.json({ items }, 200);
      },
      access,
    ),
    defineRoute(
      run,
      async (c) => {
        const { name } = c.req.valid('param');
        const ran = await tools.run({ name, input: c.req.valid('json').input, caller: callerOf(c), tenantId: getTenant(c).id, db: getDb(c), signal: c.req.raw.signal });
        // The result's arrays are readonly for tools; the response schema reads them the same.
        return c.json({ name, durationMs: ran.durationMs, result: ran.result as z.infer<typeof ToolResultSchema>['result'] }, 200);
      },
      access,
    ),
  ];
};
