import { createRoute, defineRoute, getTenant, type PluginContext, problemResponses, z } from 'atoll/plugin';
import { openEventStream } from '../services/connect';
import { publishCustomEvent } from '../services/publish-custom-event';
import { READ, realtimeCtx, WRITE } from './deps';
import { CustomEventBody, EventSchema, json, StreamHeaders, StreamQuery } from './schemas';

const stream = createRoute({
  method: 'get',
  path: '/realtime/events',
  operationId: 'realtime.streamEvents',
  summary: "The tenant's live events as Server-Sent Events, replaying after Last-Event-ID (viewer)",
  request: { query: StreamQuery, headers: StreamHeaders },
  responses: {
    200: { description: 'An event stream: `id: <id>` and `data: <event JSON>` per event, `: heartbeat` every 15 s', content: { 'text/event-stream': { schema: z.string() } } },
    ...problemResponses(400, 401, 403, 404, 503),
  },
});

const publish = createRoute({
  method: 'post',
  path: '/realtime/events',
  operationId: 'realtime.publishEvent',
  'x-atoll-no-location': 'The event joins the replay buffer: subscribers receive it on the stream; it has no URL of its own',
  summary: 'Publish an event of your own to the tenant (topic and type start with "custom") (admin)',
  request: { body: { content: { 'application/json': { schema: CustomEventBody } }, required: true } },
  responses: { 201: json(EventSchema, 'The stored event'), ...problemResponses(400, 401, 403, 404, 413, 503) },
});

export const eventRoutes = (ctx: PluginContext) => [
  defineRoute(
    stream,
    async (c) => {
      const { topics, lastEventId } = c.req.valid('query');
      const resumeFrom = c.req.valid('header')['last-event-id'] ?? lastEventId;
      return openEventStream({ ctx: realtimeCtx(ctx), input: { tenantId: getTenant(c).id, topics, lastEventId: resumeFrom } });
    },
    { access: READ },
  ),
  defineRoute(
    publish,
    async (c) => {
      const body = c.req.valid('json');
      const event = await publishCustomEvent({ ctx: realtimeCtx(ctx), input: { tenantId: getTenant(c).id, topic: body.topic, type: body.type, data: body.data ?? null } });
      return c.json(event, 201);
    },
    { access: WRITE, bodyLimitBytes: 64 * 1024 },
  ),
];
