import { z } from 'atoll/plugin';

/**
 * The assistant's settings, each read from `CHAT_<KEY>` (README.md lists them). Without
 * `CHAT_ANTHROPIC_API_KEY` the assistant answers that it is not configured; tools stay usable.
 */
export const chatConfigSchema = z.object({
  /** `CHAT_SESSIONS`: the ChatSession Durable Object namespace (a binding in wrangler.jsonc, not a variable). */
  sessions: z.custom<DurableObjectNamespace>((v) => typeof v === 'object' && v !== null && 'idFromName' in v).optional(),
  /** `CHAT_ANTHROPIC_API_KEY`: the Claude API key (a secret; never logged or returned). */
  anthropicApiKey: z.string().min(1).optional(),
  /** `CHAT_ANTHROPIC_BASE_URL`: the Messages API's address (tests point it at a local server). */
  anthropicBaseUrl: z.url().optional(),
  /** `CHAT_MODEL`: the model of assistants that name none. */
  model: z.string().min(1).max(100).default('claude-sonnet-5-5'),
  /** `CHAT_MAX_TOKENS`: output tokens of each model call. */
  maxTokens: z.coerce.number().int().min(256).max(128_000).default(8_192),
  /** `CHAT_EFFORT`: default effort of assistants that name none. */
  effort: z.enum(['low', 'medium', 'high', 'xhigh', 'max']).default('medium'),
  /** `CHAT_MAX_STEPS`: model calls a run may make (each tool round is one) unless its assistant says fewer. */
  maxSteps: z.coerce.number().int().min(1).max(50).default(8),
  /** `CHAT_CONTEXT_TOKENS`: the conversation size past which older turns are compacted into a summary. */
  contextTokens: z.coerce.number().int().min(2_000).max(1_000_000).default(150_000),
  /** `CHAT_MONTHLY_TOKENS`: model tokens (input + output) a tenant may use per calendar month (UTC). */
  monthlyTokens: z.coerce.number().int().min(1).max(10_000_000_000).default(20_000_000),
  /** `CHAT_MESSAGES_PER_MINUTE`: messages one user may send per minute in a tenant. */
  messagesPerMinute: z.coerce.number().int().min(1).max(10_000).default(20),
  /** `CHAT_MAX_MESSAGE_CHARS`: the longest message a user may send. */
  maxMessageChars: z.coerce.number().int().min(100).max(200_000).default(20_000),
  /** `CHAT_TOOL_TIMEOUT_MS`: how long one tool call may run (a tool may set less). */
  toolTimeoutMs: z.coerce.number().int().min(100).max(300_000).default(30_000),
  /** `CHAT_TOOL_RESULT_CHARS`: the preview of a tool result the model reads (the whole result is stored). */
  toolResultChars: z.coerce.number().int().min(500).max(200_000).default(8_000),
});

export type ChatConfig = z.output<typeof chatConfigSchema>;
