import { type AppContext, AtollError, commitNow, coreServices, createRoute, defineRoute, getDb, getTenant, getUser, type PluginContext, problemResponses, runInTenant } from 'atoll/plugin';
import type { ChatConfig } from '../config';
import { noPendingApproval, toolCallNotFound } from '../errors';
import { findOwnRun } from '../services/find-run';
import { getOwnSession } from '../services/get-session';
import { decideToolCall, toolCallsOfRun } from '../services/run-store';
import { sendMessage } from '../services/send-message';
import { runEvents, sessionObject } from '../services/session-rpc';
import { settledEvents } from '../services/settled-events';
import { CancelSchema, DecisionBody, DecisionSchema, EventsQuery, eventStream, RunParams, SendMessageBody, ToolCallParams } from './run-schemas';
import { json, jsonBody } from './schemas';
import { SessionParams } from './session-schemas';

const tenantHeader = problemResponses(401, 403, 404);

const send = createRoute({
  method: 'post',
  path: '/chat/sessions/{sessionId}/messages',
  operationId: 'chat.sendMessage',
  summary: 'Ask a question: starts a run and streams it as server-sent events (the run goes on if you disconnect)',
  request: { params: SessionParams, ...jsonBody(SendMessageBody) },
  responses: { 200: eventStream('The run, as it happens'), ...tenantHeader, ...problemResponses(400, 409, 429) },
});

const events = createRoute({
  method: 'get',
  path: '/chat/sessions/{sessionId}/runs/{runId}/events',
  operationId: 'chat.getRunEvents',
  summary: 'Reattach to a run: the events after `after` (or Last-Event-ID), then the rest live',
  request: { params: RunParams, query: EventsQuery },
  responses: { 200: eventStream('The run’s events'), ...tenantHeader, ...problemResponses(400) },
});

const cancel = createRoute({
  method: 'post',
  path: '/chat/sessions/{sessionId}/runs/{runId}/cancel',
  operationId: 'chat.cancelRun',
  summary: 'Stop a run: its model call is aborted and tool calls not yet run are answered "not run"',
  request: { params: RunParams },
  responses: { 200: json(CancelSchema, 'Whether the run was stopped'), ...tenantHeader },
});

const decide = createRoute({
  method: 'post',
  path: '/chat/sessions/{sessionId}/tool-calls/{callId}/decision',
  operationId: 'chat.decideToolCall',
  summary: 'Approve or deny a writing tool call the run is waiting on',
  request: { params: ToolCallParams, ...jsonBody(DecisionBody) },
  responses: { 200: json(DecisionSchema, 'The decision, taken'), ...tenantHeader, ...problemResponses(400, 409) },
});

const sseHeaders = (runId: string, res: Response) => {
  const headers = new Headers(res.headers);
  headers.set('x-chat-run-id', runId);
  return new Response(res.body, { status: res.status, headers });
};

/** The user's own session and one of its runs (404 for anything else). */
function ownRun(c: AppContext, sessionId: string, runId: string) {
  const tenantId = getTenant(c).id;
  return runInTenant(getDb(c), tenantId, (tx) => findOwnRun(tx, { tenantId, userId: getUser(c).userId, sessionId, runId }));
}

const viewer = { access: { tenantRole: 'viewer' as const } };

export const runRoutes = (ctx: PluginContext<ChatConfig>) => {
  const namespace = () => {
    if (!ctx.config.sessions) throw new AtollError('unavailable', 'CHAT_UNAVAILABLE', 'The assistant is not set up on this server (no CHAT_SESSIONS binding)');
    return ctx.config.sessions;
  };
  return [
    defineRoute(
      send,
      async (c) => {
        const { sessionId } = c.req.valid('param');
        const tenant = getTenant(c);
        const sent = await sendMessage(
          { db: getDb(c), tenantId: tenant.id, user: getUser(c), role: tenant.role, config: ctx.config, limiter: ctx.service(coreServices.rateLimiter), tools: ctx.service(coreServices.chatTools) },
          { sessionId, content: c.req.valid('json').content },
        );
        const { runId } = sent.spec;
        if (!sent.configured) return sseHeaders(runId, settledEvents(sent.spec, 'not_configured'));
        // The object reads the run back from Postgres: it must be committed before it starts.
        await commitNow(c);
        await sessionObject(namespace(), sessionId).start(sent.spec);
        return sseHeaders(runId, await runEvents(namespace(), sessionId, runId, 0));
      },
      viewer,
    ),
    defineRoute(
      events,
      async (c) => {
        const { sessionId, runId } = c.req.valid('param');
        const { after } = c.req.valid('query');
        const lastEventId = Number(c.req.header('last-event-id'));
        const from = Math.max(after ?? 0, Number.isSafeInteger(lastEventId) && lastEventId > 0 ? lastEventId : 0);
        const run = await ownRun(c, sessionId, runId);
        const res = await runEvents(namespace(), sessionId, runId, from);
        // The object forgets old runs: an ended run still answers with how it ended.
        if (res.status === 404) return sseHeaders(runId, settledEvents({ runId, sessionId }, run.status, from));
        return sseHeaders(runId, res);
      },
      viewer,
    ),
    defineRoute(
      cancel,
      async (c) => {
        const { sessionId, runId } = c.req.valid('param');
        const run = await ownRun(c, sessionId, runId);
        const over = run.status === 'done' || run.status === 'error' || run.status === 'cancelled';
        const cancelled = over ? false : await sessionObject(namespace(), sessionId).cancel(runId);
        return c.json({ runId, cancelled }, 200);
      },
      viewer,
    ),
    defineRoute(
      decide,
      async (c) => {
        const { sessionId, callId } = c.req.valid('param');
        const { approve } = c.req.valid('json');
        const tenantId = getTenant(c).id;
        const decided = await runInTenant(getDb(c), tenantId, async (tx) => {
          await getOwnSession(tx, { tenantId, userId: getUser(c).userId, sessionId });
          const row = await decideToolCall(tx, sessionId, callId, approve);
          if (row) return row;
          throw (await toolCallsOfRun(tx, sessionId, [callId])).length > 0 ? noPendingApproval() : toolCallNotFound();
        });
        await commitNow(c);
        await sessionObject(namespace(), sessionId).resume(decided.runId, approve ? undefined : { id: decided.id, name: decided.name });
        return c.json({ id: decided.id, status: approve ? ('approved' as const) : ('denied' as const) }, 200);
      },
      viewer,
    ),
  ];
};
