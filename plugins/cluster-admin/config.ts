import { z } from 'atoll/plugin';

const blank = (v: unknown) => (v === '' ? undefined : v);
const text = z.preprocess(blank, z.string().min(1).max(500).optional());
const integer = (min: number, max: number, fallback: number) => z.preprocess(blank, z.coerce.number().int().min(min).max(max).default(fallback));

/**
 * The cluster admin settings, each read from `CLUSTER_ADMIN_<KEY>` (see README.md). The endpoints
 * answer 503 until `CLUSTER_ADMIN_CLUSTER` and `CLUSTER_ADMIN_SERVICE` are set.
 */
export const clusterAdminConfigSchema = z
  .object({
    /** ECS cluster name or ARN. */
    cluster: text,
    /** ECS service (the runners' long-running service) within the cluster. */
    service: text,
    region: z.preprocess(blank, z.string().min(1).max(64).default('us-east-1')),
    /** An ECS-compatible endpoint (tests, LocalStack); unset = AWS. */
    endpoint: z.preprocess(blank, z.url('must be a URL').optional()),
    accessKeyId: text,
    secretAccessKey: text,
    /** Bounds of `POST /scale` {desiredCount}. */
    minDesired: integer(0, 1000, 0),
    maxDesired: integer(0, 1000, 10),
    /** How many of the service's latest events `GET /status` returns. */
    events: integer(1, 100, 20),
  })
  .refine((c) => c.minDesired <= c.maxDesired, { message: 'must not be above CLUSTER_ADMIN_MAX_DESIRED', path: ['minDesired'] })
  .refine((c) => (c.accessKeyId === undefined) === (c.secretAccessKey === undefined), { message: 'set both access key settings or neither', path: ['accessKeyId'] });

export type ClusterAdminConfig = z.output<typeof clusterAdminConfigSchema>;
