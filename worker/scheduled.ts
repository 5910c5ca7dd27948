import type { KernelConfig } from './config';
import { openDatabase } from './db/connect';
import type { Logger } from './logger';
import type { PluginRegistry } from './plugin/registry';

export type ScheduledOutcome = 'ok' | 'failed';

/**
 * Runs every plugin's `scheduled` hook for one cron trigger, in plugin order, each with its own
 * database connection. A failing hook is logged and does not stop the others.
 */
export async function runScheduled(event: { cron: string; scheduledTime: number }, deps: { registry: PluginRegistry; config: KernelConfig; logger: Logger }): Promise<Map<string, ScheduledOutcome>> {
  const outcomes = new Map<string, ScheduledOutcome>();
  for (const { manifest, context } of deps.registry.plugins) {
    if (!manifest.scheduled) continue;
    const logger = deps.logger.child({ plugin: manifest.id, cron: event.cron });
    const database = openDatabase(deps.config.database, logger);
    try {
      await manifest.scheduled({ plugin: context, db: database.db, logger, cron: event.cron, scheduledTime: new Date(event.scheduledTime) });
      outcomes.set(manifest.id, 'ok');
    } catch (error) {
      logger.error('scheduled task failed', { error });
      outcomes.set(manifest.id, 'failed');
    } finally {
      await database.close();
    }
  }
  return outcomes;
}
