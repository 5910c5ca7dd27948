import { createRoute, defineRoute, getTenant, type PluginContext, problemResponses, type z } from 'atoll/plugin';
import { issueTicket } from '../services/issue-ticket';
import { READ, realtimeCtx, subjectOf } from './deps';
import { json, TicketBody, TicketSchema } from './schemas';

const create = createRoute({
  method: 'post',
  path: '/realtime/tickets',
  operationId: 'realtime.createTicket',
  'x-atoll-no-location': 'A single-use credential, not a resource: `url` in the body is where to use it (kept out of headers, which proxies log)',
  summary: 'A single-use ticket (valid 60 s) to open the realtime WebSocket; browsers cannot send headers on WebSockets (viewer)',
  request: { body: { content: { 'application/json': { schema: TicketBody } }, required: false } },
  responses: { 201: json(TicketSchema, 'The ticket and the URL to open'), ...problemResponses(400, 401, 403, 404, 429, 503) },
});

export const ticketRoutes = (ctx: PluginContext) => [
  defineRoute(
    create,
    async (c) => {
      const body = (c.req.valid('json') ?? {}) as z.output<typeof TicketBody>;
      const { ticket, expiresAt } = await issueTicket({
        ctx: realtimeCtx(ctx),
        input: { tenantId: getTenant(c).id, subject: subjectOf(c), topics: body.topics ?? [] },
      });
      return c.json({ ticket, expiresAt: expiresAt.toISOString(), url: `/api/v1/realtime?ticket=${encodeURIComponent(ticket)}` }, 201);
    },
    { access: READ, bodyLimitBytes: 4096 },
  ),
];
