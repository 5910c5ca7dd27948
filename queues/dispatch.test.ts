import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bootApp } from '../test/worker/harness';
import { createLogger } from '../worker/logger';
import type { AnyPluginManifest } from '../worker/plugin/types';
import { dispatchQueueBatch, retryDelaySeconds } from './dispatch';

const seen: { payload: unknown; user: string; attempts: number }[] = [];
const deadLettered: unknown[] = [];

const counter: AnyPluginManifest = {
  id: 'counter',
  version: '1.0.0',
  queues: {
    'counter.add': {
      schema: z.object({ n: z.number().int() }),
      handler: async (payload, ctx) => {
        const result = await ctx.db.execute(sql`select current_user as "user"`);
        seen.push({ payload, user: (result.rows[0] as { user: string }).user, attempts: ctx.attempts });
      },
    },
    'counter.fail': {
      schema: z.object({}),
      retryDelaySeconds: 3,
      handler: async () => {
        throw new Error('downstream unavailable');
      },
    },
    'counter.mark': {
      schema: z.object({ n: z.number().int() }),
      handler: async () => {
        throw new Error('the normal handler must not see dead letters');
      },
      onDeadLetter: async (payload) => {
        if (payload.n < 0) throw new Error('still failing');
        deadLettered.push(payload);
      },
    },
  },
};

const atoll = await bootApp([counter]);
const message = (id: string, body: unknown, attempts = 1) => ({ id, timestamp: new Date(), attempts, body });

async function dispatch(messages: ReturnType<typeof message>[], queue = 'atoll-test') {
  const batch = createMessageBatch(queue, messages);
  const ctx = createExecutionContext();
  const outcomes = await dispatchQueueBatch(batch, { registry: atoll.registry, config: atoll.config, logger: createLogger('error') });
  return { outcomes, result: await getQueueResult(batch, ctx) };
}

describe('queue dispatch', () => {
  it('routes each message to the handler registered for its type, with a database', async () => {
    seen.length = 0;
    const { result } = await dispatch([message('m1', { type: 'counter.add', payload: { n: 1 } }), message('m2', { type: 'counter.add', payload: { n: 2 } }, 3)]);
    expect(seen).toEqual([
      { payload: { n: 1 }, user: 'atoll', attempts: 1 },
      { payload: { n: 2 }, user: 'atoll', attempts: 3 },
    ]);
    expect(result.explicitAcks.sort()).toEqual(['m1', 'm2']);
    expect(result.retryMessages).toEqual([]);
  });

  it('acknowledges (drops) messages that no retry could fix, without calling a handler', async () => {
    seen.length = 0;
    const { outcomes, result } = await dispatch([
      message('bad-envelope', 'just a string'),
      message('unknown-type', { type: 'nobody.handles', payload: {} }),
      message('bad-payload', { type: 'counter.add', payload: { n: 'one' } }),
    ]);
    expect(seen).toEqual([]);
    expect([...outcomes.values()]).toEqual(['ack', 'ack', 'ack']);
    expect(result.explicitAcks.sort()).toEqual(['bad-envelope', 'bad-payload', 'unknown-type']);
  });

  it('retries a failing handler instead of acknowledging it', async () => {
    const { outcomes, result } = await dispatch([message('f1', { type: 'counter.fail', payload: {} }, 1), message('f3', { type: 'counter.fail', payload: {} }, 3)]);
    expect(result.retryMessages.map((m: { msgId: string }) => m.msgId).sort()).toEqual(['f1', 'f3']);
    expect(result.explicitAcks).toEqual([]);
    expect([...outcomes.values()]).toEqual(['retry', 'retry']);
  });

  it('backs off exponentially, capped at 15 minutes', () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelaySeconds(3, attempt))).toEqual([3, 6, 12, 24]);
    expect(retryDelaySeconds(5, 30)).toBe(900);
  });

  it("hands dead-lettered messages to the type's onDeadLetter, and drops those of types without one", async () => {
    deadLettered.length = 0;
    const { outcomes, result } = await dispatch(
      [message('d1', { type: 'counter.mark', payload: { n: 7 } }, 6), message('d2', { type: 'counter.add', payload: { n: 1 } }, 6), message('d3', { type: 'counter.mark', payload: { n: -1 } }, 1)],
      'atoll-tasks-dlq',
    );
    expect(deadLettered).toEqual([{ n: 7 }]);
    expect(outcomes.get('d1')).toBe('ack');
    expect(outcomes.get('d2')).toBe('ack');
    expect(outcomes.get('d3')).toBe('retry');
    expect(result.explicitAcks.sort()).toEqual(['d1', 'd2']);
  });
});
