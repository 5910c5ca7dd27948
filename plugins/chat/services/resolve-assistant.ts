import type { Database } from 'atoll/plugin';
import type { ChatAssistantRow } from '../db/schema';
import { ensureDefaultAssistant } from './default-assistant';
import { findAssistant } from './get-assistant';

/**
 * The assistant a session or run uses: the named one (404 `CHAT_ASSISTANT_NOT_FOUND` unless it is
 * the tenant's), or with `null` the tenant's default, created if missing. `tx` is bound to `tenantId`.
 *
 * @example
 * const assistant = await resolveAssistant(tx, tenantId, session.assistantId);
 */
export const resolveAssistant = (tx: Database, tenantId: string, assistantId: string | null): Promise<ChatAssistantRow> =>
  assistantId === null ? ensureDefaultAssistant(tx, tenantId) : findAssistant(tx, tenantId, assistantId);
