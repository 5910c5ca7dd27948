// Test helpers for reads and SQL (not a test file itself): datasets inserted directly, no ingestion.
import type { AtollApp } from '../../../../worker/app';
import { runInTenant } from '../../../../worker/db/tenant-scope';
import { withDatabase } from '../../../tenants/db-access';
import { type DatasetColumn, type DatasetRow, type DatasetStatus, datasets, metricPoints, type RowError, tableRows } from '../../db/schema';
import { inTenant, uniqueName } from '../../testing';

export interface SeedTable {
  name?: string;
  columns: DatasetColumn[];
  rows: (string | null)[][];
  status?: DatasetStatus;
  rowErrors?: RowError[];
}

/** A ready table dataset with `rows` (cells as source text) in `tenantId`. */
export const seedTable = (atoll: AtollApp, tenantId: string, seed: SeedTable): Promise<DatasetRow> =>
  inTenant(atoll, tenantId, async (tx) => {
    const [dataset] = await tx
      .insert(datasets)
      .values({
        tenantId,
        name: seed.name ?? uniqueName('t'),
        kind: 'table',
        format: 'csv',
        status: seed.status ?? 'ready',
        objectKey: `tenants/${tenantId}/datasets/seed/source`,
        columns: seed.columns,
        rowCount: seed.rows.length,
        skippedCount: seed.rowErrors?.length ?? 0,
        rowErrors: seed.rowErrors ?? [],
      })
      .returning();
    for (let i = 0; i < seed.rows.length; i += 1000) {
      const chunk = seed.rows.slice(i, i + 1000).map((cells, j) => ({ tenantId, datasetId: dataset!.id, rowNumber: i + j + 1, cells }));
      await tx.insert(tableRows).values(chunk);
    }
    return dataset!;
  });

/** A ready metric dataset with `points` in `tenantId`. */
export const seedMetric = (atoll: AtollApp, tenantId: string, points: { metric: string; value: number; ts: string }[], name = uniqueName('m')): Promise<DatasetRow> =>
  inTenant(atoll, tenantId, async (tx) => {
    const [dataset] = await tx
      .insert(datasets)
      .values({ tenantId, name, kind: 'metric', format: 'csv', status: 'ready', objectKey: `tenants/${tenantId}/datasets/seed/source`, rowCount: points.length })
      .returning();
    if (points.length) await tx.insert(metricPoints).values(points.map((p) => ({ tenantId, datasetId: dataset!.id, metric: p.metric, value: p.value, ts: new Date(p.ts) })));
    return dataset!;
  });

/** [metric, value, ISO time] */
export type PointSpec = [string, number, string];

/**
 * Inserts a metric dataset and its points straight into the database (as ingestion would leave
 * them), with `rowCount` = the number of points; returns the dataset id. `ingestedAt` defaults to
 * now for a ready dataset and null otherwise (a dataset that never finished an ingestion). For the
 * tests of plugins that read metrics (analytics, dashboards, MCP), which cannot see the tables.
 */
export async function seedMetricDataset(tenantId: string, points: PointSpec[], options: { status?: DatasetStatus; name?: string; ingestedAt?: Date } = {}): Promise<string> {
  return withDatabase((db) =>
    runInTenant(db, tenantId, async (tx) => {
      const id = crypto.randomUUID();
      const status = options.status ?? 'ready';
      await tx.insert(datasets).values({
        id,
        tenantId,
        name: options.name ?? `m_${id.slice(0, 8)}`,
        kind: 'metric',
        format: 'csv',
        status,
        objectKey: `tenants/${tenantId}/datasets/${id}/source`,
        rowCount: points.length,
        ingestedAt: options.ingestedAt ?? (status === 'ready' ? new Date() : null),
      });
      if (points.length > 0) {
        await tx.insert(metricPoints).values(points.map(([metric, value, ts]) => ({ tenantId, datasetId: id, metric, value, ts: new Date(ts) })));
      }
      return id;
    }),
  );
}

export const SALES_COLUMNS: DatasetColumn[] = [
  { name: 'region', type: 'text' },
  { name: 'amount', type: 'integer' },
  { name: 'price', type: 'number' },
  { name: 'paid', type: 'boolean' },
  { name: 'at', type: 'timestamp' },
];
