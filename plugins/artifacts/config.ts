import { z } from 'atoll/plugin';

const GiB = 1024 ** 3;

/** `ARTIFACTS_MAX_CONTENT_BYTES`: the largest content version (default 1 GiB; at most 5 GiB, S3's single copy limit). */
export const artifactsConfigSchema = z.object({
  maxContentBytes: z.coerce
    .number()
    .int()
    .min(1)
    .max(5 * GiB)
    .default(GiB),
});

export type ArtifactsConfig = z.output<typeof artifactsConfigSchema>;

/** Serialized `metadata` is limited to this many bytes of JSON. */
export const MAX_METADATA_BYTES = 16 * 1024;
