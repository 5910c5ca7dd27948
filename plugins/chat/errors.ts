import { AtollError, conflict, forbidden, limitExceeded, notFound, validationFailed } from 'atoll/plugin';

/** Every error code the chat plugin returns. */
export const ChatErrorCode = {
  SESSION_NOT_FOUND: 'CHAT_SESSION_NOT_FOUND',
  RUN_NOT_FOUND: 'CHAT_RUN_NOT_FOUND',
  ASSISTANT_NOT_FOUND: 'CHAT_ASSISTANT_NOT_FOUND',
  ASSISTANT_NAME_TAKEN: 'CHAT_ASSISTANT_NAME_TAKEN',
  DEFAULT_ASSISTANT: 'CHAT_DEFAULT_ASSISTANT',
  TOOL_NOT_FOUND: 'CHAT_TOOL_NOT_FOUND',
  TOOL_FORBIDDEN: 'CHAT_TOOL_FORBIDDEN',
  TOOL_INVALID_INPUT: 'CHAT_TOOL_INVALID_INPUT',
  UNKNOWN_TOOL: 'CHAT_UNKNOWN_TOOL',
  RUN_ACTIVE: 'CHAT_RUN_ACTIVE',
  NO_PENDING_APPROVAL: 'CHAT_NO_PENDING_APPROVAL',
  TOOL_CALL_NOT_FOUND: 'CHAT_TOOL_CALL_NOT_FOUND',
  MESSAGE_TOO_LONG: 'CHAT_MESSAGE_TOO_LONG',
  RATE_LIMITED: 'CHAT_RATE_LIMITED',
  BUDGET_EXHAUSTED: 'CHAT_BUDGET_EXHAUSTED',
  INVALID_CURSOR: 'CHAT_INVALID_CURSOR',
} as const;

export const sessionNotFound = () => notFound(ChatErrorCode.SESSION_NOT_FOUND, 'No such chat session');
export const runNotFound = () => notFound(ChatErrorCode.RUN_NOT_FOUND, 'No such run in this chat session');
export const assistantNotFound = () => notFound(ChatErrorCode.ASSISTANT_NOT_FOUND, 'No such assistant in this tenant');
export const assistantNameTaken = (name: string) => conflict(ChatErrorCode.ASSISTANT_NAME_TAKEN, `An assistant named "${name}" already exists in this tenant`);
export const toolNotFound = (name: string) => notFound(ChatErrorCode.TOOL_NOT_FOUND, `No tool named "${name}" is available to you`);
export const toolForbidden = (name: string, why: string) => forbidden(ChatErrorCode.TOOL_FORBIDDEN, `You may not use the tool "${name}": ${why}`);
export const runActive = () => conflict(ChatErrorCode.RUN_ACTIVE, 'This session is still answering; wait for it to finish or stop it');
export const toolCallNotFound = () => notFound(ChatErrorCode.TOOL_CALL_NOT_FOUND, 'No such tool call in this chat session');
export const noPendingApproval = () => conflict(ChatErrorCode.NO_PENDING_APPROVAL, 'That tool call is not waiting for approval');
export const messageTooLong = (max: number) =>
  validationFailed(ChatErrorCode.MESSAGE_TOO_LONG, `A message may have at most ${max} characters`, [{ location: 'body', path: 'content', message: `at most ${max} characters` }]);
export const unknownTools = (unknown: { index: number; name: string }[]) =>
  validationFailed(
    ChatErrorCode.UNKNOWN_TOOL,
    `Unknown tool${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u.name}"`).join(', ')}`,
    unknown.map((u) => ({ location: 'body', path: `tools.${u.index}`, message: `No installed plugin contributes a tool named "${u.name}"` })),
  );
export const defaultAssistantRequired = () => conflict(ChatErrorCode.DEFAULT_ASSISTANT, 'This is the default assistant: make another assistant the default first');
export const invalidCursor = () => validationFailed(ChatErrorCode.INVALID_CURSOR, 'The cursor is invalid', [{ location: 'query', path: 'cursor', message: 'Invalid cursor' }]);
export const rateLimited = (perMinute: number, retryAfter: number) => limitExceeded(ChatErrorCode.RATE_LIMITED, `At most ${perMinute} messages per minute; try again in ${retryAfter} s`, retryAfter);
export const budgetExhausted = (retryAfter: number) => limitExceeded(ChatErrorCode.BUDGET_EXHAUSTED, "This tenant has used this month's assistant token budget", retryAfter);

/** A Postgres unique violation (SQLSTATE 23505) of `constraint`, through drizzle's wrapping. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  for (let e = error as { code?: string; constraint?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23505') return e.constraint === constraint;
  }
  return false;
}

export { AtollError };
