import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { bootApp } from '../test/worker/harness';
import { createLogger } from './logger';
import type { AnyPluginManifest } from './plugin/types';
import { runScheduled } from './scheduled';

const runs: { plugin: string; cron: string; at: string; user: string }[] = [];

const ticking = (id: string, fail = false): AnyPluginManifest => ({
  id,
  version: '1.0.0',
  scheduled: async (ctx) => {
    if (fail) throw new Error('sweep failed');
    const result = await ctx.db.execute(sql`select current_user as "user"`);
    runs.push({ plugin: ctx.plugin.id, cron: ctx.cron, at: ctx.scheduledTime.toISOString(), user: (result.rows[0] as { user: string }).user });
  },
});

describe('scheduled hooks', () => {
  it('runs every plugin hook with a database, and a failing hook does not stop the others', async () => {
    runs.length = 0;
    const atoll = await bootApp([ticking('first', true), ticking('second'), { id: 'quiet', version: '1.0.0' }]);
    const outcomes = await runScheduled({ cron: '* * * * *', scheduledTime: Date.parse('2026-11-22T10:00:00Z') }, { registry: atoll.registry, config: atoll.config, logger: createLogger('error') });
    expect(Object.fromEntries(outcomes)).toEqual({ first: 'failed', second: 'ok' });
    expect(runs).toEqual([{ plugin: 'second', cron: '* * * * *', at: '2026-11-22T10:00:00.000Z', user: 'atoll' }]);
  });
});
