import { wellFormedString, z } from 'atoll/plugin';
import type { ChatSessionRow, ChatToolCallRow, ChatToolCallStatus } from '../db/schema';
import type { StoredMessage } from '../services/list-messages';
import { DatasetIds, isoDate } from './schemas';

const Title = wellFormedString().trim().min(1).max(200).openapi({ example: 'Churn by region' });

export const CreateSessionBody = z
  .object({
    title: Title.optional().openapi({ description: 'Default "New chat"; the first question names it then' }),
    assistantId: z.string().uuid().optional().openapi({ description: "An assistant of the tenant; default: the tenant's default assistant" }),
    datasetIds: DatasetIds.optional().openapi({ description: "Datasets this conversation is about; default: the assistant's" }),
  })
  .openapi('CreateChatSession');

export const UpdateSessionBody = z.object({ title: Title }).openapi('UpdateChatSession');

export const SessionParams = z.object({ sessionId: z.string().uuid().openapi({ description: 'Chat session id' }) });

export const SessionSchema = z
  .object({ id: z.string().uuid(), title: z.string(), assistantId: z.string().uuid().nullable(), datasetIds: z.array(z.string().uuid()), createdAt: isoDate, updatedAt: isoDate })
  .openapi('ChatSession');

export const SessionPageSchema = z.object({ items: z.array(SessionSchema), nextCursor: z.string().nullable() }).openapi('ChatSessionPage');

// Every status the table holds: a Record, so tsc fails here when a status is added to the schema.
const TOOL_CALL_STATUSES: Record<ChatToolCallStatus, true> = { awaiting_approval: true, approved: true, done: true, error: true, denied: true };

const ToolResult = z
  .object({
    text: z.string().openapi({ description: 'What the model read (it saw a bounded preview of it)' }),
    summary: z.string().optional(),
    table: z.object({ columns: z.array(z.string()), rows: z.array(z.array(z.unknown())), truncated: z.boolean().optional() }).optional(),
    svg: z.string().optional().openapi({ description: 'A chart the tool drew, as standalone SVG' }),
  })
  .openapi('ChatToolResult');

const ToolCall = z
  .object({
    id: z.string().openapi({ description: 'The tool_use block id' }),
    name: z.string(),
    input: z.unknown().openapi({ description: 'The input the model gave the tool' }),
    status: z.enum(Object.keys(TOOL_CALL_STATUSES) as [ChatToolCallStatus, ...ChatToolCallStatus[]]),
    isError: z.boolean(),
    result: ToolResult.nullable().openapi({ description: 'The whole result; null until the call has finished' }),
    durationMs: z.number().int().nullable(),
  })
  .openapi('ChatToolCall');

const Block = z.looseObject({ type: z.string().openapi({ example: 'text' }) }).openapi({ description: 'A Messages API content block: text, tool_use or tool_result' });

const MessageSchema = z
  .object({
    seq: z.number().int(),
    role: z.enum(['user', 'assistant']),
    content: z.array(Block),
    runId: z.string().uuid().nullable(),
    usage: z.record(z.string(), z.number()).nullable().openapi({ description: "An assistant message's model usage (input, output, cache tokens)" }),
    createdAt: isoDate,
    toolCalls: z.array(ToolCall).openapi({ description: 'The stored call of each tool_use block in content, in block order' }),
  })
  .openapi('ChatMessage');

export const MessagePageSchema = z.object({ items: z.array(MessageSchema), nextCursor: z.string().nullable() }).openapi('ChatMessagePage');

export const presentSession = (s: ChatSessionRow) => ({
  id: s.id,
  title: s.title,
  assistantId: s.assistantId,
  datasetIds: s.datasetIds,
  createdAt: s.createdAt.toISOString(),
  updatedAt: s.updatedAt.toISOString(),
});

const presentToolCall = (t: ChatToolCallRow) => ({
  id: t.id,
  name: t.name,
  input: t.input,
  status: t.status,
  isError: t.isError,
  result: (t.result ?? null) as z.infer<typeof ToolResult> | null,
  durationMs: t.durationMs,
});

export const presentMessage = (m: StoredMessage) => ({
  seq: m.seq,
  role: m.role,
  content: m.content as z.infer<typeof Block>[],
  runId: m.runId,
  usage: m.usage,
  createdAt: m.createdAt.toISOString(),
  toolCalls: m.toolCalls.map(presentToolCall),
});
