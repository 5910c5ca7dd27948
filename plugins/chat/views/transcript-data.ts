import { type AppContext, getDb, getTenant, getUser, notFound } from 'atoll/plugin';
import type { ChatSessionRow } from '../db/schema';
import { ChatErrorCode } from '../errors';
import { getSession } from '../services/get-session';
import { listMessages, type StoredMessage } from '../services/list-messages';
import { listSessionRuns, type SessionRun } from '../services/session-runs';
import { UUID } from './form-values';

/** Messages a page shows at most; a longer session says so (the API pages through all of them). */
export const MAX_SHOWN_MESSAGES = 2_000;
const PAGE = 200;

export interface TranscriptData {
  session: ChatSessionRow;
  messages: StoredMessage[];
  runs: SessionRun[];
  /** More messages than `MAX_SHOWN_MESSAGES`: the newest are left out. */
  truncated: boolean;
}

/** The caller's own session of the page path (`:id`); anything else, a bad id included, is 404. */
export function sessionKeyOf(c: AppContext) {
  const id = UUID.safeParse(c.req.param('id'));
  if (!id.success) throw notFound(ChatErrorCode.SESSION_NOT_FOUND, 'No such chat session');
  return { tenantId: getTenant(c).id, userId: getUser(c).userId, sessionId: id.data };
}

/** Everything the transcript shows: the session, its stored messages in order, and its runs. */
export async function loadTranscript(c: AppContext): Promise<TranscriptData> {
  const key = sessionKeyOf(c);
  const ctx = { db: getDb(c) };
  const session = await getSession({ ctx, input: key });
  const messages: StoredMessage[] = [];
  let cursor: string | undefined;
  do {
    const page = await listMessages({ ctx, input: { ...key, limit: PAGE, cursor } });
    messages.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && messages.length < MAX_SHOWN_MESSAGES);
  const runs = await listSessionRuns({ ctx, input: key });
  return { session, messages, runs, truncated: cursor !== undefined };
}
