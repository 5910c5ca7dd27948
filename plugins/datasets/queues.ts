import { type PluginContext, type QueueDefinition, z } from 'atoll/plugin';
import type { DatasetsConfig } from './config';
import { datasetsDeps } from './deps';
import { publishDatasetEvent } from './services/events';
import { failRun } from './services/ingest/finish-run';
import { type IngestRun, ingestDataset } from './services/ingest/ingest-dataset';

export const INGEST_MESSAGE = 'datasets.ingest';

const IngestPayload = z.object({
  tenantId: z.string().uuid(),
  datasetId: z.string().uuid(),
  runId: z.string().uuid(),
  requestedAt: z.string().datetime({ offset: true }),
});

/** Why a run that exhausted its retries failed. */
export const DEAD_LETTER_REASON = 'Ingestion failed after retries';

const depsOf = (plugin: PluginContext<unknown>) => datasetsDeps(plugin as PluginContext<DatasetsConfig>);

/**
 * `datasets.ingest`: one message per ingestion run (never per row). Retried with backoff (10 s,
 * doubling) when the database or storage fails; after the queue's last retry the dead-letter
 * handler marks the run `error`.
 */
export const datasetQueues: Record<string, QueueDefinition<IngestRun>> = {
  [INGEST_MESSAGE]: {
    schema: IngestPayload,
    retryDelaySeconds: 10,
    handler: (payload, ctx) => ingestDataset({ deps: depsOf(ctx.plugin), db: ctx.db, logger: ctx.logger }, payload),
    onDeadLetter: async (payload, ctx) => {
      const failed = await failRun(ctx.db, payload, DEAD_LETTER_REASON);
      ctx.logger.error('dataset ingestion dead-lettered', { datasetId: payload.datasetId, runId: payload.runId, marked: !!failed });
      if (failed) await publishDatasetEvent(depsOf(ctx.plugin).realtime, payload.tenantId, 'dataset.error', failed, { status: 'error', error: failed.error });
    },
  },
};
