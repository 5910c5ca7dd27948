import { createRoute, defineRoute, type PluginContext, ProblemSchema, problemResponses } from 'atoll/plugin';
import { connectWebSocket } from '../services/connect';
import { realtimeCtx } from './deps';
import { ConnectQuery } from './schemas';

const connect = createRoute({
  method: 'get',
  path: '/realtime',
  operationId: 'realtime.connect',
  summary: "The tenant's live events over a WebSocket (upgrade), authenticated by a ticket; see the realtime README for the protocol",
  request: { query: ConnectQuery },
  responses: {
    101: { description: 'Switching protocols: JSON events `{ id, type, topic, tenantId, data, at }` follow' },
    ...problemResponses(400, 401, 503),
    426: { description: 'Not a WebSocket upgrade (send `Upgrade: websocket`)', content: { 'application/problem+json': { schema: ProblemSchema } } },
  },
});

/** Public as far as the kernel is concerned: the single-use ticket is the credential. */
export const connectRoutes = (ctx: PluginContext) => [
  defineRoute(
    connect,
    async (c) => {
      const { ticket, topics, lastEventId } = c.req.valid('query');
      return connectWebSocket({ ctx: realtimeCtx(ctx), input: { request: c.req.raw, ticket, topics, lastEventId } });
    },
    { access: 'public' },
  ),
];
