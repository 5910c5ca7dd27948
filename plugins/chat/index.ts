import { definePlugin } from 'atoll/plugin';
import { chatConfigSchema } from './config';

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
}));
