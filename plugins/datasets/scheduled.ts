import type { PluginContext, ScheduledContext } from 'atoll/plugin';
import type { DatasetsConfig } from './config';
import { datasetsDeps } from './deps';
import { sweepStaleRuns } from './services/ingest/stale-runs';

/**
 * The plugin's cron hook (every trigger): fails ingestion runs that stopped making progress for
 * DATASETS_INGEST_STALE_SECONDS, whose consumer died and whose message is gone, so the dataset
 * does not stay `ingesting` for ever.
 */
export async function datasetsScheduled(ctx: ScheduledContext): Promise<void> {
  const deps = datasetsDeps(ctx.plugin as PluginContext<DatasetsConfig>);
  const swept = await sweepStaleRuns({ db: ctx.db, realtime: deps.realtime, staleSeconds: deps.config.ingestStaleSeconds });
  if (swept.length > 0) ctx.logger.warn('stale ingestion runs failed', { count: swept.length, datasetIds: swept.map((d) => d.id) });
}
