import { z } from 'atoll/plugin';

const blank = (v: unknown) => (v === '' ? undefined : v);
const list = z.string().transform((v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);
const number = (min: number, max: number, fallback: number) => z.preprocess(blank, z.coerce.number().min(min).max(max).default(fallback));
const integer = (min: number, max: number, fallback: number) => z.preprocess(blank, z.coerce.number().int().min(min).max(max).default(fallback));
const text = z.preprocess(blank, z.string().min(1).max(500).optional());

/**
 * The jobs plugin's settings, each read from `JOBS_<KEY>` (see README.md).
 * - `JOBS_RUNNER_TENANT`: id of the platform runner tenant whose `jobs:work` keys claim every tenant's jobs.
 * - `JOBS_MAX_RESULT_BYTES`: largest result file a runner may upload (default 1 GiB, max 5 GiB: one PUT).
 * - `JOBS_RESULT_URL_SECONDS`: default expiry of result download URLs (default 900, max 3600).
 * - `JOBS_ECS_*` and `JOBS_DISPATCH_*`: ECS Fargate dispatch, off unless `JOBS_ECS_CLUSTER` is set.
 */
export const jobsConfigSchema = z
  .object({
    runnerTenant: z.preprocess(blank, z.uuid('must be a tenant id').optional()),
    maxResultBytes: integer(1, 5 * 1024 ** 3, 1024 ** 3),
    resultUrlSeconds: integer(60, 3600, 900),
    ecsCluster: text,
    ecsSubnets: z.preprocess(blank, list.default([])),
    ecsSecurityGroups: z.preprocess(blank, list.default([])),
    ecsAssignPublicIp: z.preprocess(
      blank,
      z
        .enum(['true', 'false'])
        .default('false')
        .transform((v) => v === 'true'),
    ),
    ecsRegion: text,
    ecsEndpoint: z.preprocess(blank, z.url('must be a URL').optional()),
    ecsAccessKeyId: text,
    ecsSecretAccessKey: text,
    /** `s` in target = clamp(round(s * ln(pending / f + 1) + min), min, max). */
    dispatchScale: number(0, 1000, 2),
    /** `f` in the same formula. */
    dispatchFactor: number(0.001, 1_000_000, 10),
    dispatchMin: integer(0, 1000, 0),
    dispatchMax: integer(0, 1000, 10),
    dispatchCooldownSeconds: integer(0, 86_400, 60),
  })
  // Fargate tasks need a subnet: without one every RunTask fails, once a minute, long after boot.
  .refine((c) => c.ecsCluster === undefined || c.ecsSubnets.length > 0, { message: 'is required when JOBS_ECS_CLUSTER is set', path: ['ecsSubnets'] })
  .refine((c) => (c.ecsAccessKeyId === undefined) === (c.ecsSecretAccessKey === undefined), { message: 'set both ECS access key settings or neither', path: ['ecsAccessKeyId'] })
  .refine((c) => c.dispatchMin <= c.dispatchMax, { message: 'must not be above JOBS_DISPATCH_MAX', path: ['dispatchMin'] });

export type JobsConfig = z.output<typeof jobsConfigSchema>;

/** Whether ECS dispatch is configured (it is off unless a cluster is named). */
export const ecsEnabled = (config: JobsConfig) => config.ecsCluster !== undefined;
