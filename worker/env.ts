/**
 * The Worker's bindings and variables as wrangler provides them, before validation (worker/config.ts
 * and the plugins' zod schemas check the values). The bindings and variables of wrangler.jsonc are
 * typed by `wrangler types` in worker-configuration.d.ts (`npm run types`; a node test fails when it
 * is stale), each optional here: tests and other compositions may leave any of them out.
 */
export interface Env extends Partial<Cloudflare.Env> {
  APP_ENV?: string;
  LOG_LEVEL?: string;
  CORS_ORIGINS?: string;
  MAX_BODY_BYTES?: string;
  /** JSON, from route group to budget; see `worker/http/rate-limit-budgets.ts`. */
  RATE_LIMIT_WRITES?: string;
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
  // `import { env } from 'cloudflare:workers'` is typed by worker-configuration.d.ts; this adds what
  // wrangler.jsonc does not list: optional settings and the tests' bindings (vitest.config.ts).
  namespace Cloudflare {
    interface Env {
      [name: string]: unknown;
    }
  }
}
