import { z } from 'atoll/plugin';

const MiB = 1024 ** 2;

/**
 * `DATASETS_MAX_UPLOAD_BYTES`: the largest source file (default 1 GiB).
 * `DATASETS_MAX_DIRECT_UPLOAD_BYTES`: the largest file uploaded through the API itself, streamed (default 100 MiB).
 */
export const datasetsConfigSchema = z.object({
  maxUploadBytes: z.coerce.number().int().min(1).max(5 * 1024 * MiB).default(1024 * MiB),
  /** `DATASETS_SQL_RATE_PER_MINUTE`: read-only SQL queries per tenant per minute (API, console, dashboards). */
  sqlRatePerMinute: z.coerce.number().int().min(1).max(100_000).default(300),
  maxDirectUploadBytes: z.coerce.number().int().min(1).max(5 * 1024 * MiB).default(100 * MiB),
  /**
   * `DATASETS_INGEST_STALE_SECONDS`: a claimed ingestion run that records no progress for this long
   * is dead (its Worker was killed and its message lost): the cron sweep fails it and `ingest` may
   * take it over. Keep it above the queue's longest retry delay (160 s with the defaults), or a run
   * waiting for its retry is failed early.
   */
  ingestStaleSeconds: z.coerce.number().int().min(5).max(86_400).default(300),
});

export type DatasetsConfig = z.output<typeof datasetsConfigSchema>;
