import type { Database } from 'atoll/plugin';
import { sql } from 'drizzle-orm';

/**
 * Takes the right to start tasks for a task definition now, unless tasks were started for it less
 * than `cooldownSeconds` ago. One conditional upsert: of two dispatchers racing (overlapping cron
 * triggers), the second waits on the row lock, then sees the fresh `last_started_at` and gets false.
 *
 * @example
 * if (await takeDispatchSlot(db, { taskDefinition: 'atoll-runner', cooldownSeconds: 60, target: 3, now: new Date() })) await startTasks(...);
 */
export async function takeDispatchSlot(db: Database, input: { taskDefinition: string; cooldownSeconds: number; target: number; now: Date }): Promise<boolean> {
  const now = input.now.toISOString();
  const result = await db.execute(sql`
    insert into jobs_dispatch_state (task_definition, last_started_at, last_target)
    values (${input.taskDefinition}, ${now}::timestamptz, ${input.target})
    on conflict (task_definition) do update
      set last_started_at = excluded.last_started_at, last_target = excluded.last_target
      where jobs_dispatch_state.last_started_at is null
         or jobs_dispatch_state.last_started_at <= ${now}::timestamptz - make_interval(secs => ${input.cooldownSeconds})
    returning task_definition`);
  return result.rows.length === 1;
}
