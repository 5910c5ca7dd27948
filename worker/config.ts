import { z } from 'zod';
import type { Env } from './env';
import { type RateLimitSettings, rateLimitSettings } from './http/rate-limit-budgets';

/** Raised at boot when a binding or variable is missing or malformed. Names variables, never values. */
export class ConfigError extends Error {
  readonly code = 'KERNEL_CONFIG_INVALID';
  readonly issues: { variable: string; message: string }[];
  constructor(issues: { variable: string; message: string }[]) {
    super(`Invalid configuration: ${issues.map((i) => `${i.variable}: ${i.message}`).join('; ')}`);
    this.name = 'ConfigError';
    this.issues = issues;
  }
}

/** Blank variables count as unset, so `FOO=` in .dev.vars falls back to the default. */
const optionalText = z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().min(1).optional());
const flag = z.preprocess(
  (v) => (v === '' || v === undefined ? undefined : String(v).toLowerCase()),
  z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => v === 'true' || v === '1'),
);
const origin = z.url().refine((u) => new URL(u).origin === u.replace(/\/$/, ''), 'must be an origin like https://app.example.com');

const EnvSchema = z.object({
  APP_ENV: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['development', 'test', 'production']).default('production')),
  LOG_LEVEL: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['debug', 'info', 'warn', 'error']).default('info')),
  CORS_ORIGINS: z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : [],
    z.array(origin),
  ),
  MAX_BODY_BYTES: z.preprocess(
    (v) => (v === '' || v === undefined ? undefined : v),
    z.coerce
      .number()
      .int()
      .min(1024)
      .max(100 * 1024 * 1024)
      .default(1024 * 1024),
  ),
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
      .optional(),
  ),
  NEON_LOCAL_PROXY: optionalText.pipe(
    z
      .string()
      .regex(/^[\w.-]+:\d{1,5}$/, 'must be host:port of the local WebSocket proxy')
      .optional(),
  ),
  HYPERDRIVE: z.custom<Hyperdrive>((v) => typeof v === 'object' && v !== null && typeof (v as Hyperdrive).connectionString === 'string', 'must be a Hyperdrive binding').optional(),
  ASSETS: z.custom<Fetcher>((v) => typeof v === 'object' && v !== null && 'fetch' in v, 'must be an assets binding').optional(),
  QUEUE: z.custom<Queue>((v) => typeof v === 'object' && v !== null && 'send' in v && 'sendBatch' in v, 'must be a queue producer binding').optional(),
  RATE_LIMITER: z.custom<DurableObjectNamespace>((v) => typeof v === 'object' && v !== null && 'idFromName' in v, 'must be a Durable Object namespace binding').optional(),
  RATE_LIMIT_WRITES: rateLimitSettings,
  TENANT_HUB: z.custom<DurableObjectNamespace>((v) => typeof v === 'object' && v !== null && 'idFromName' in v, 'must be a Durable Object namespace binding').optional(),
  S3_ENDPOINT: optionalText.pipe(z.url().optional()),
  S3_REGION: optionalText.pipe(z.string().default('us-east-1')),
  S3_BUCKET: optionalText.pipe(z.string({ error: 'is required' }).regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a valid bucket name')),
  S3_ACCESS_KEY_ID: optionalText.pipe(z.string({ error: 'is required' })),
  S3_SECRET_ACCESS_KEY: optionalText.pipe(z.string({ error: 'is required' })),
  S3_FORCE_PATH_STYLE: flag,
});

export type DatabaseConfig = { driver: 'hyperdrive'; connectionString: string } | { driver: 'neon'; connectionString: string; localProxy?: string };

export interface S3Config {
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: boolean;
}

export interface KernelConfig {
  appEnv: 'development' | 'test' | 'production';
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  corsOrigins: string[];
  maxBodyBytes: number;
  database: DatabaseConfig;
  s3: S3Config;
  assets?: Fetcher;
  /** Producer of the task queue (`QUEUE`); plugins send through `coreServices.queue`. */
  queue?: Queue;
  /** The per-tenant realtime hubs (`TENANT_HUB`); plugins publish through `coreServices.realtime`. */
  tenantHub?: DurableObjectNamespace;
  /** Per-route rate limits (`RATE_LIMITER`, the RateLimiter Durable Object); none without it. */
  rateLimiter?: DurableObjectNamespace;
  /** Budgets of route groups (`RATE_LIMIT_WRITES`), over the defaults in `worker/http/rate-limit-budgets.ts`. */
  rateLimits: RateLimitSettings;
}

/** Validates the kernel's bindings and variables once at boot. Throws `ConfigError` naming each bad variable. */
export function loadKernelConfig(env: Env): KernelConfig {
  const parsed = EnvSchema.safeParse(env);
  // Inside a structured variable (RATE_LIMIT_WRITES), the message names the entry too.
  const issues = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? 'env'),
        message: issue.path.length > 1 ? `${issue.path.slice(1).join('.')}: ${issue.message}` : issue.message,
      }));
  // Checked apart from the schema so it is reported together with every other problem.
  if (!env.HYPERDRIVE && !env.DATABASE_URL) issues.push({ variable: 'HYPERDRIVE', message: 'is required unless DATABASE_URL is set' });
  if (!parsed.success || issues.length > 0) throw new ConfigError(issues);
  const e = parsed.data;
  const database: DatabaseConfig = e.DATABASE_URL
    ? { driver: 'neon', connectionString: e.DATABASE_URL, ...(e.NEON_LOCAL_PROXY ? { localProxy: e.NEON_LOCAL_PROXY } : {}) }
    : { driver: 'hyperdrive', connectionString: e.HYPERDRIVE!.connectionString };
  return {
    appEnv: e.APP_ENV,
    logLevel: e.LOG_LEVEL,
    corsOrigins: e.CORS_ORIGINS,
    maxBodyBytes: e.MAX_BODY_BYTES,
    database,
    s3: {
      ...(e.S3_ENDPOINT ? { endpoint: e.S3_ENDPOINT } : {}),
      region: e.S3_REGION,
      bucket: e.S3_BUCKET,
      accessKeyId: e.S3_ACCESS_KEY_ID,
      secretAccessKey: e.S3_SECRET_ACCESS_KEY,
      forcePathStyle: e.S3_FORCE_PATH_STYLE,
    },
    ...(e.ASSETS ? { assets: e.ASSETS } : {}),
    ...(e.QUEUE ? { queue: e.QUEUE } : {}),
    ...(e.TENANT_HUB ? { tenantHub: e.TENANT_HUB } : {}),
    ...(e.RATE_LIMITER ? { rateLimiter: e.RATE_LIMITER } : {}),
    rateLimits: e.RATE_LIMIT_WRITES,
  };
}
