import { coreServices, definePlugin } from 'atoll/plugin';
import { chatConfigSchema } from './config';
import { chatToolsServiceRef } from './refs';
import { assistantRoutes } from './routes/assistants';
import { runRoutes } from './routes/runs';
import { sessionRoutes } from './routes/sessions';
import { toolRoutes } from './routes/tools';
import { chatToolsService } from './services/tools-service';
import { calculatorTool } from './tools/calculator';
import { chatPages } from './views/pages';

export type { ChatToolsService, ToolCaller } from './refs';
export { chatToolsServiceRef } from './refs';

/**
 * Chat: the AI assistant (`/api/v1/chat`, pages under `/app/chat`). Assistants are a tenant's saved
 * configurations; sessions are private to their user; each message starts a run owned by the
 * session's Durable Object (ChatSession), which calls Claude with the tools the installed plugins
 * contribute (`chatTools`) and stores every step. README.md has the routes, events and limits.
 */
export const chatPlugin = definePlugin(() => ({
  id: 'chat',
  version: '0.1.0',
  description: 'AI assistant with tools over the tenant data',
  host: '^0.1.0',
  requires: ['tenants'],
  config: chatConfigSchema,
  migrations: 'plugins/chat/migrations',
  chatTools: [calculatorTool],
  setup: (ctx) => {
    ctx.provide(chatToolsServiceRef, chatToolsService({ tools: () => ctx.service(coreServices.chatTools), logger: ctx.logger, timeoutMs: ctx.config.toolTimeoutMs }));
  },
  routes: (ctx) => [...assistantRoutes(ctx), ...sessionRoutes(ctx), ...runRoutes(ctx), ...toolRoutes(ctx)],
  views: (ctx) => chatPages(ctx),
}));
