import type { ChatRunStatus } from '../db/schema';
import { sseFrame } from './run-events';
import { NOT_CONFIGURED_TEXT } from './send-message';

/**
 * The events of a run that needs no Durable Object: one answered at once because no API key is set
 * (`not_configured`), or an ended run the object no longer keeps (only how it ended).
 */
export function settledEvents(run: { runId: string; sessionId: string }, how: ChatRunStatus | 'not_configured', after = 0): Response {
  const frames: [string, Record<string, unknown>][] = [['run', { runId: run.runId, sessionId: run.sessionId }]];
  if (how === 'not_configured') frames.push(['text', { delta: NOT_CONFIGURED_TEXT }], ['done', { reason: 'not_configured' }]);
  else if (how === 'error') frames.push(['error', { code: 'CHAT_RUN_FAILED', message: 'The run failed.' }]);
  else frames.push(['done', { reason: how === 'cancelled' ? 'cancelled' : how === 'done' ? 'end_turn' : how }]);
  const body = frames
    .map(([type, data], i) => ({ seq: i + 1, type, data }))
    .filter((f) => f.seq > after)
    .map((f) => sseFrame(f.seq, f.type, JSON.stringify(f.data)))
    .join('');
  return new Response(body, { headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-store' } });
}
