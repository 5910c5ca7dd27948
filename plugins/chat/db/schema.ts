import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' }).notNull().defaultNow();

export type ChatEffort = 'low' | 'medium' | 'high' | 'xhigh' | 'max';

/**
 * Saved assistant configurations of a tenant (instructions, tools, default datasets, model). One per
 * tenant is the default (a partial unique index). `tools` null: every tool the caller may use.
 * Row-level security and the foreign keys are in migrations/0001 (hand-written).
 */
export const chatAssistants = pgTable(
  'chat_assistants',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    tenantId: uuid('tenant_id').notNull(),
    name: text('name').notNull(),
    instructions: text('instructions').notNull().default(''),
    tools: text('tools').array(),
    datasetIds: uuid('dataset_ids').array().notNull().default(sql`'{}'::uuid[]`),
    model: text('model'),
    maxSteps: integer('max_steps'),
    effort: text('effort').$type<ChatEffort>(),
    isDefault: boolean('is_default').notNull().default(false),
    createdBy: text('created_by'),
    createdAt: timestamptz('created_at'),
    updatedAt: timestamptz('updated_at'),
  },
  (t) => [uniqueIndex('chat_assistants_tenant_name_unique').on(t.tenantId, sql`lower(${t.name})`), uniqueIndex('chat_assistants_tenant_default_unique').on(t.tenantId).where(sql`${t.isDefault}`)],
);

/** A user's conversation within a tenant: private to that user (the services filter by `user_id`). */
export const chatSessions = pgTable(
  'chat_sessions',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    tenantId: uuid('tenant_id').notNull(),
    userId: text('user_id').notNull(),
    assistantId: uuid('assistant_id'),
    title: text('title').notNull(),
    datasetIds: uuid('dataset_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** Older turns compacted into a summary the model reads instead of them (context management). */
    summary: text('summary'),
    /** Messages with `seq` up to this one are covered by `summary`. */
    summaryThroughSeq: integer('summary_through_seq').notNull().default(0),
    createdAt: timestamptz('created_at'),
    updatedAt: timestamptz('updated_at'),
  },
  (t) => [index('chat_sessions_tenant_user_updated_idx').on(t.tenantId, t.userId, t.updatedAt, t.id)],
);

export type ChatRunStatus = 'running' | 'awaiting_approval' | 'done' | 'error' | 'cancelled';

/** One answer to one message: the model loop's steps until it ends its turn, fails or is stopped. */
export const chatRuns = pgTable(
  'chat_runs',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    tenantId: uuid('tenant_id').notNull(),
    sessionId: uuid('session_id').notNull(),
    userId: text('user_id').notNull(),
    status: text('status').$type<ChatRunStatus>().notNull().default('running'),
    steps: integer('steps').notNull().default(0),
    error: text('error'),
    inputTokens: bigint('input_tokens', { mode: 'number' }).notNull().default(0),
    outputTokens: bigint('output_tokens', { mode: 'number' }).notNull().default(0),
    cacheCreationInputTokens: bigint('cache_creation_input_tokens', { mode: 'number' }).notNull().default(0),
    cacheReadInputTokens: bigint('cache_read_input_tokens', { mode: 'number' }).notNull().default(0),
    createdAt: timestamptz('created_at'),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('chat_runs_tenant_created_idx').on(t.tenantId, t.createdAt), index('chat_runs_session_idx').on(t.sessionId, t.createdAt)],
);

/**
 * The stored conversation in the Messages API's own block format (text, tool_use, tool_result), so
 * the next model call is rebuilt from it as sent. A tool_result block holds the bounded preview the
 * model saw; the whole result is in `chat_tool_calls`.
 */
export const chatMessages = pgTable(
  'chat_messages',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    tenantId: uuid('tenant_id').notNull(),
    sessionId: uuid('session_id').notNull(),
    seq: integer('seq').notNull(),
    role: text('role').$type<'user' | 'assistant'>().notNull(),
    content: jsonb('content').$type<unknown[]>().notNull(),
    runId: uuid('run_id'),
    /** The model call's usage for an assistant message (input, output, cache creation and read tokens). */
    usage: jsonb('usage').$type<Record<string, number>>(),
    createdAt: timestamptz('created_at'),
  },
  (t) => [uniqueIndex('chat_messages_session_seq_unique').on(t.sessionId, t.seq)],
);

export type ChatToolCallStatus = 'awaiting_approval' | 'approved' | 'done' | 'error' | 'denied';

/** Each tool call of a run, with its whole result (the model saw a bounded preview). */
export const chatToolCalls = pgTable(
  'chat_tool_calls',
  {
    sessionId: uuid('session_id').notNull(),
    id: text('id').notNull(),
    tenantId: uuid('tenant_id').notNull(),
    runId: uuid('run_id').notNull(),
    name: text('name').notNull(),
    input: jsonb('input').notNull(),
    status: text('status').$type<ChatToolCallStatus>().notNull(),
    result: jsonb('result'),
    isError: boolean('is_error').notNull().default(false),
    durationMs: integer('duration_ms'),
    createdAt: timestamptz('created_at'),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.id] }), index('chat_tool_calls_run_idx').on(t.runId)],
);

export type ChatAssistantRow = typeof chatAssistants.$inferSelect;
export type ChatSessionRow = typeof chatSessions.$inferSelect;
export type ChatMessageRow = typeof chatMessages.$inferSelect;
export type ChatToolCallRow = typeof chatToolCalls.$inferSelect;
