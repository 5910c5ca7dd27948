import { wellFormedString, z } from 'atoll/plugin';

export const SendMessageBody = z
  .object({ content: wellFormedString().trim().min(1).openapi({ description: 'The question (at most CHAT_MAX_MESSAGE_CHARS characters)', example: 'Which region sold most last month?' }) })
  .openapi('SendChatMessage');

export const RunParams = z.object({
  sessionId: z.string().uuid().openapi({ description: 'Chat session id' }),
  runId: z.string().uuid().openapi({ description: 'Run id (the `run` event, or the x-chat-run-id header)' }),
});

export const ToolCallParams = z.object({
  sessionId: z.string().uuid().openapi({ description: 'Chat session id' }),
  callId: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[A-Za-z0-9_-]+$/)
    .openapi({ description: 'The tool call id (the `approval_required` event)' }),
});

export const EventsQuery = z.object({
  after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional().openapi({ description: 'Replay the events after this sequence number (the SSE id); default: from the start' }),
});

export const DecisionBody = z.object({ approve: z.boolean().openapi({ description: 'true runs the tool, false tells the model the user refused' }) }).openapi('ChatToolDecision');

export const DecisionSchema = z.object({ id: z.string(), status: z.enum(['approved', 'denied']) }).openapi('ChatToolDecisionResult');
export const CancelSchema = z.object({ runId: z.string().uuid(), cancelled: z.boolean().openapi({ description: 'false: the run had already ended' }) }).openapi('ChatRunCancel');

/** An SSE response in the OpenAPI document (the events are listed in the plugin README). */
export const eventStream = (description: string) => ({
  description,
  headers: { 'x-chat-run-id': { description: 'The run these events belong to', schema: { type: 'string' as const, format: 'uuid' } } },
  content: { 'text/event-stream': { schema: z.string().openapi({ description: 'Server-sent events: run, text, tool_call, approval_required, tool_result, usage, compacted, done, error' }) } },
});
