import type { QueueDefinition } from 'atoll/plugin';

/** `datasets.ingest`: one message per ingestion run. */
export const datasetQueues: Record<string, QueueDefinition<any>> = {};
