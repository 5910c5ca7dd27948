// Test helpers for the chat plugin's assistant and session route tests (not a test file itself).
// Run helpers are in run-testing.ts, tool helpers in tools/testing.ts.
import { definePlugin, runInTenant, z } from 'atoll/plugin';
import { bootApp } from '../../test/worker/harness';
import { authTestEnv } from '../../test/worker/identity';
import { apiKeyOf, memberOf, ownerWithTenant, seedUser, team } from '../../test/worker/seed';
import type { AtollApp } from '../../worker/app';
import { authPlugin } from '../auth';
import { tenantsPlugin } from '../tenants';
import { withDatabase } from '../tenants/db-access';
import { call } from '../tenants/testing';
import { chatPlugin } from '.';
import { chatMessages, chatRuns, chatToolCalls } from './db/schema';

export { apiKeyOf, call, memberOf, ownerWithTenant, seedUser, team };

export const A = '/api/v1/chat/assistants';
export const S = '/api/v1/chat/sessions';

/** Two tools from another plugin, so assistants have real tool names to name. */
export const probeToolsPlugin = definePlugin(() => ({
  id: 'chat-probe',
  version: '1.0.0',
  requires: ['tenants'],
  chatTools: [
    { name: 'chat_probe_echo', description: 'Echoes its text.', input: z.object({ text: z.string() }), run: async (input: { text: string }) => ({ text: input.text }) },
    { name: 'chat_probe_count', description: 'Counts to three.', input: z.object({}), minRole: 'admin', run: async () => ({ text: '3' }) },
  ],
}));

export const bootChat = async (): Promise<AtollApp> => bootApp([authPlugin(), tenantsPlugin(), chatPlugin(), probeToolsPlugin()], await authTestEnv());

type Who = Parameters<typeof call>[3];

/** Creates an assistant as `who` (an admin) in `tenantId`. */
export const newAssistant = (atoll: AtollApp, who: Who, tenantId: string, body: Record<string, unknown> = {}) =>
  call(atoll, 'POST', A, who, { tenant: tenantId, body: { name: `a-${crypto.randomUUID().slice(0, 8)}`, ...body }, status: 201 });

/** Starts a session as `who` in `tenantId`. */
export const newSession = (atoll: AtollApp, who: Who, tenantId: string, body: Record<string, unknown> = {}) => call(atoll, 'POST', S, who, { tenant: tenantId, body, status: 201 });

/**
 * Stores one exchange in a session as a run leaves it: the question, an assistant turn calling
 * `chat_probe_echo`, its tool result, and the answer; the tool call with its whole result. Returns the run id.
 */
export const seedExchange = (tenantId: string, sessionId: string, userId: string, firstSeq = 1) =>
  withDatabase((db) =>
    runInTenant(db, tenantId, async (tx) => {
      const [run] = await tx.insert(chatRuns).values({ tenantId, sessionId, userId, status: 'done', steps: 2 }).returning();
      const runId = run!.id;
      const toolUseId = `toolu_${crypto.randomUUID().replace(/-/g, '')}`;
      const usage = { input_tokens: 120, output_tokens: 30, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
      const content = [
        [{ type: 'text', text: 'Echo hello' }],
        [
          { type: 'text', text: 'Let me echo it.' },
          { type: 'tool_use', id: toolUseId, name: 'chat_probe_echo', input: { text: 'hello' } },
        ],
        [{ type: 'tool_result', tool_use_id: toolUseId, content: 'hello', is_error: false }],
        [{ type: 'text', text: 'It says hello.' }],
      ];
      await tx
        .insert(chatMessages)
        .values(
          content.map((blocks, i) => ({ tenantId, sessionId, seq: firstSeq + i, role: i % 2 === 0 ? ('user' as const) : ('assistant' as const), content: blocks, runId, usage: i % 2 ? usage : null })),
        );
      const result = { text: 'hello', summary: '1 row', table: { columns: ['text'], rows: [['hello']] } };
      await tx.insert(chatToolCalls).values({ sessionId, id: toolUseId, tenantId, runId, name: 'chat_probe_echo', input: { text: 'hello' }, status: 'done', result, durationMs: 12 });
      return { runId, toolUseId };
    }),
  );
