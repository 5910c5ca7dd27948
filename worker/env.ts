/** The Worker's bindings and variables as wrangler provides them, before validation. */
export interface Env {
  HYPERDRIVE?: Hyperdrive;
  ASSETS?: Fetcher;
  QUEUE?: Queue;
  TENANT_HUB?: DurableObjectNamespace;
  RATE_LIMITER?: DurableObjectNamespace;
  APP_ENV?: string;
  LOG_LEVEL?: string;
  CORS_ORIGINS?: string;
  MAX_BODY_BYTES?: string;
  DATABASE_URL?: string;
  NEON_LOCAL_PROXY?: string;
  S3_ENDPOINT?: string;
  S3_REGION?: string;
  S3_BUCKET?: string;
  S3_ACCESS_KEY_ID?: string;
  S3_SECRET_ACCESS_KEY?: string;
  S3_FORCE_PATH_STYLE?: string;
  /** Plugin settings are read as `<PLUGIN_ID>_<KEY>` (see `worker/plugin/plugin-config.ts`). */
  [name: string]: unknown;
}

declare global {
  // `import { env } from 'cloudflare:workers'` in tests is typed with this.
  namespace Cloudflare {
    interface Env {
      HYPERDRIVE: Hyperdrive;
      ASSETS: Fetcher;
      [name: string]: unknown;
    }
  }
}
