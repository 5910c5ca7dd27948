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
});

export type DatasetsConfig = z.output<typeof datasetsConfigSchema>;
