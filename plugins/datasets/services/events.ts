import type { RealtimePublisher } from 'atoll/plugin';
import type { DatasetRow } from '../db/schema';

/** Realtime topic of every dataset event. */
export const DATASETS_TOPIC = 'datasets';

type Named = Pick<DatasetRow, 'id' | 'name'>;

/**
 * Publishes a dataset event to the tenant's hub (best effort: the publisher logs and swallows
 * failures, so a hub outage never fails an upload or an ingestion).
 *
 * @example
 * await publishDatasetEvent(realtime, tenantId, 'dataset.ready', dataset, { status: 'ready', rowCount: 10, skippedCount: 0 });
 */
export async function publishDatasetEvent(realtime: RealtimePublisher, tenantId: string, type: string, dataset: Named, data: Record<string, unknown> = {}): Promise<void> {
  await realtime.publish(tenantId, { topic: DATASETS_TOPIC, type, data: { datasetId: dataset.id, name: dataset.name, ...data } });
}
