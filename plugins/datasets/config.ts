import { z } from 'atoll/plugin';
import { DEFAULT_SQL_BOUNDS, type SqlBounds } from './services/sql/limits';

const MiB = 1024 ** 2;

/**
 * `DATASETS_MAX_UPLOAD_BYTES`: the largest source file (default 1 GiB).
 * `DATASETS_MAX_DIRECT_UPLOAD_BYTES`: the largest file uploaded through the API itself, streamed (default 100 MiB).
 */
export const datasetsConfigSchema = z.object({
  maxUploadBytes: z.coerce
    .number()
    .int()
    .min(1)
    .max(5 * 1024 * MiB)
    .default(1024 * MiB),
  /** `DATASETS_SQL_RATE_PER_MINUTE`: read-only SQL queries per tenant per minute (API, console, dashboards). */
  sqlRatePerMinute: z.coerce.number().int().min(1).max(100_000).default(300),
  maxDirectUploadBytes: z.coerce
    .number()
    .int()
    .min(1)
    .max(5 * 1024 * MiB)
    .default(100 * MiB),
  /**
   * `DATASETS_INGEST_STALE_SECONDS`: a claimed ingestion run that records no progress for this long
   * is dead (its Worker was killed and its message lost): the cron sweep fails it and `ingest` may
   * take it over. Keep it above the queue's longest retry delay (160 s with the defaults), or a run
   * waiting for its retry is failed early.
   */
  ingestStaleSeconds: z.coerce.number().int().min(5).max(86_400).default(300),
  /** `DATASETS_SQL_MAX_CONCURRENT`: read-only SQL queries of one tenant running at once; one more is a 429. */
  sqlMaxConcurrent: z.coerce.number().int().min(1).max(1_000).default(DEFAULT_SQL_BOUNDS.maxConcurrent),
  /** `DATASETS_SQL_WORK_MEM_KB`: `work_mem` of a query's transaction (each sort or hash spills to disk past it). */
  sqlWorkMemKb: z.coerce
    .number()
    .int()
    .min(64)
    .max(1024 * 1024)
    .default(DEFAULT_SQL_BOUNDS.workMemKb),
  /** `DATASETS_SQL_TEMP_FILE_LIMIT_KB`: `temp_file_limit` of a query, where the database role may set it. */
  sqlTempFileLimitKb: z.coerce.number().int().min(1).max(2_147_483_647).default(DEFAULT_SQL_BOUNDS.tempFileLimitKb),
  /** `DATASETS_SQL_MAX_RESULT_BYTES`: text size of a query's result past which it is stopped (422). */
  sqlMaxResultBytes: z.coerce
    .number()
    .int()
    .min(1024)
    .max(32 * MiB)
    .default(DEFAULT_SQL_BOUNDS.maxResultBytes),
});

/** Body limit of a direct upload (API or the page's form): the file limit plus the multipart framing around it. */
export const directUploadBodyLimit = (config: { maxDirectUploadBytes: number }) => config.maxDirectUploadBytes + 64 * 1024;

export type DatasetsConfig = z.output<typeof datasetsConfigSchema>;

/** The read-only SQL bounds of the plugin's settings. */
export const sqlBoundsOf = (config: DatasetsConfig): SqlBounds => ({
  workMemKb: config.sqlWorkMemKb,
  tempFileLimitKb: config.sqlTempFileLimitKb,
  maxResultBytes: config.sqlMaxResultBytes,
  maxConcurrent: config.sqlMaxConcurrent,
});
