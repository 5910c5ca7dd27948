import { z } from 'atoll/plugin';

// The hub validates again; these give callers field-level 400s first.
const TOPIC = /^(?:\*|[a-z][a-z0-9_-]*(?:\.[a-z0-9][a-z0-9_-]*)*)$/;
const MAX_TOPICS = 20;

export const TopicSchema = z.string().max(64).regex(TOPIC, 'A topic looks like "datasets", "custom.builds" or "*"').openapi({ example: 'datasets' });

/** `topics=datasets,jobs` in a query string. */
const TopicList = z
  .string()
  .max(MAX_TOPICS * 65)
  .refine((s) => s.split(',').length <= MAX_TOPICS && s.split(',').every((t) => TOPIC.test(t) && t.length <= 64), `Up to ${MAX_TOPICS} comma-separated topics like "datasets" or "*"`)
  .openapi({ description: "Comma-separated topics to follow (default: the ticket's, else all)", example: 'datasets,jobs' });

const EventId = z
  .string()
  .regex(/^\d{1,15}$/, 'A non-negative integer event id')
  .transform(Number)
  .openapi({ type: 'string', description: 'Replay the events after this id (the `id` of the last event received)', example: '42' });

export const TicketBody = z
  .object({ topics: z.array(TopicSchema).min(1).max(MAX_TOPICS).optional().openapi({ description: 'Topics the connection follows (default: all)' }) })
  .strict()
  .openapi('RealtimeTicketRequest');

export const TicketSchema = z
  .object({
    ticket: z.string().openapi({ description: 'Single use, valid 60 s: `<tenantId>.<secret>`' }),
    expiresAt: z.string().openapi({ format: 'date-time' }),
    url: z.string().openapi({ description: 'Where to open the WebSocket (relative; use ws:// or wss:// on this origin)', example: '/api/v1/realtime?ticket=…' }),
  })
  .openapi('RealtimeTicket');

export const ConnectQuery = z.object({
  ticket: z.string().max(200).optional().openapi({ description: 'A ticket from POST /api/v1/realtime/tickets' }),
  topics: TopicList.optional(),
  lastEventId: EventId.optional(),
});

export const StreamQuery = z.object({ topics: TopicList.optional(), lastEventId: EventId.optional() });

export const StreamHeaders = z.object({
  'last-event-id': EventId.optional().openapi({ description: 'Sent by EventSource on reconnect; wins over the lastEventId query parameter' }),
});

export const CustomEventBody = z
  .object({
    topic: z
      .string()
      .max(64)
      .regex(/^custom(?:\.[a-z0-9][a-z0-9_-]*)*$/, 'Programs publish to topics starting with "custom", e.g. "custom.builds"'),
    type: z
      .string()
      .max(100)
      .regex(/^custom(?:\.[a-zA-Z0-9_-]+)+$/, 'Custom event types start with "custom.", e.g. "custom.build.done"'),
    data: z.unknown().optional().openapi({ description: 'Any JSON, at most 32 KiB once serialised' }),
  })
  .strict()
  .openapi('RealtimeCustomEvent');

export const EventSchema = z
  .object({
    id: z.number().int().openapi({ description: 'Increases monotonically per tenant' }),
    type: z.string().openapi({ example: 'dataset.ready' }),
    topic: z.string().openapi({ example: 'datasets' }),
    tenantId: z.string(),
    data: z.unknown(),
    at: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('RealtimeEvent');

export const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
