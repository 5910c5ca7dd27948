import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';
import { localS3Vars } from './scripts/lib/local-s3-vars';

const root = dirname(fileURLToPath(import.meta.url));
const pkgDir = (name: string) => join(root, 'node_modules', name);

// Same aliases as wrangler.jsonc, plus the two pg internals the pool cannot resolve by itself.
// Not zod's locale trim: it only shrinks the deploy bundle, and zod is pre-bundled here anyway.
const alias = [
  { find: /^@aws-sdk\/xml-builder$/, replacement: join(root, 'worker/shims/xml-builder.js') },
  { find: 'pg-protocol', replacement: join(pkgDir('pg-protocol'), 'dist/index.js') },
  { find: 'pg-cloudflare', replacement: join(pkgDir('pg-cloudflare'), 'dist/index.js') },
];

const PINNED_PLUGIN_SETTINGS = [
  'FILES_MAX_UPLOAD_BYTES',
  'ARTIFACTS_MAX_CONTENT_BYTES',
  'DATASETS_MAX_UPLOAD_BYTES',
  'DATASETS_MAX_DIRECT_UPLOAD_BYTES',
  'DATASETS_SQL_RATE_PER_MINUTE',
  'DATASETS_SQL_MAX_CONCURRENT',
  'DATASETS_SQL_WORK_MEM_KB',
  'DATASETS_SQL_TEMP_FILE_LIMIT_KB',
  'DATASETS_SQL_MAX_RESULT_BYTES',
  'DATASETS_INGEST_STALE_SECONDS',
  'DASHBOARDS_PANEL_BUDGET_MS',
  'JOBS_RUNNER_TENANT',
  'JOBS_MAX_RESULT_BYTES',
  'JOBS_RESULT_URL_SECONDS',
  'JOBS_ECS_CLUSTER',
  'JOBS_ECS_SUBNETS',
  'JOBS_ECS_SECURITY_GROUPS',
  'JOBS_ECS_ASSIGN_PUBLIC_IP',
  'JOBS_ECS_REGION',
  'JOBS_ECS_ENDPOINT',
  'JOBS_ECS_ACCESS_KEY_ID',
  'JOBS_ECS_SECRET_ACCESS_KEY',
  'JOBS_DISPATCH_SCALE',
  'JOBS_DISPATCH_FACTOR',
  'JOBS_DISPATCH_MIN',
  'JOBS_DISPATCH_MAX',
  'JOBS_DISPATCH_COOLDOWN_SECONDS',
  'CLUSTER_ADMIN_CLUSTER',
  'CLUSTER_ADMIN_SERVICE',
  'CLUSTER_ADMIN_REGION',
  'CLUSTER_ADMIN_ENDPOINT',
  'CLUSTER_ADMIN_ACCESS_KEY_ID',
  'CLUSTER_ADMIN_SECRET_ACCESS_KEY',
  'CLUSTER_ADMIN_MIN_DESIRED',
  'CLUSTER_ADMIN_MAX_DESIRED',
  'CLUSTER_ADMIN_EVENTS',
  'CHAT_MODEL',
  'CHAT_MAX_TOKENS',
  'CHAT_EFFORT',
  'CHAT_MAX_STEPS',
  'CHAT_CONTEXT_TOKENS',
  'CHAT_MONTHLY_TOKENS',
  'CHAT_MESSAGES_PER_MINUTE',
  'CHAT_MAX_MESSAGE_CHARS',
  'CHAT_TOOL_TIMEOUT_MS',
  'CHAT_TOOL_RESULT_CHARS',
  'MCP_CALLS_PER_MINUTE',
  'MCP_TOOL_RESULT_CHARS',
  'MCP_TABLE_CHARS',
];

// Closing a pg socket in workerd rejects with this harmless message (porsager/postgres#1202).
const HARMLESS = /Stream was cancelled/;
// workerd's own bookkeeping when a promise that native code of one Durable Object awaits settles in
// another object's turn. In this pool the test runner is itself a Durable Object sharing the isolate
// with the app's objects, and vitest-pool-workers hops between them (module imports through the
// runner object, the console relay; it special-cases this error itself). It carries no stack and
// fails no request: tests still assert every event a stream must deliver. Printed, never silent.
const CROSS_OBJECT = /^Cannot perform I\/O on behalf of a different Durable Object[\s\S]*\(I\/O type: RefcountedFulfiller\)/;

function onUnhandledError(error: unknown): false | undefined {
  const message = String((error as Error)?.message ?? error);
  if (HARMLESS.test(message)) return false;
  if (CROSS_OBJECT.test(message)) {
    console.warn(`[atoll] tolerated a cross-object rejection of the test pool: ${message}`);
    return false;
  }
  return undefined;
}

export default defineConfig({
  test: {
    globalSetup: ['./test/global-setup.ts'],
    onUnhandledError,
    projects: [
      {
        resolve: { alias },
        plugins: [
          cloudflareTest(async ({ inject }) => ({
            main: './worker/index.ts',
            wrangler: { configPath: './wrangler.jsonc' },
            miniflare: {
              hyperdrives: { HYPERDRIVE: inject('databaseUrl') },
              // Every kernel variable is set here, so a developer's .dev.vars cannot change a test.
              bindings: {
                APP_ENV: 'test',
                LOG_LEVEL: 'error',
                CORS_ORIGINS: '',
                MAX_BODY_BYTES: '',
                RATE_LIMIT_WRITES: '',
                DATABASE_URL: '',
                NEON_LOCAL_PROXY: '',
                SYSTEM_BUILD: '',
                ...localS3Vars(inject('s3Endpoint'), inject('s3Bucket')),
                TEST_DATABASE_URL: inject('databaseUrl'),
                TEST_NEON_PROXY: inject('neonProxy'),
                // auth: a fresh ES256 signing key per run; the other AUTH_* settings pinned to defaults.
                AUTH_JWT_PRIVATE_KEY: inject('authJwtPrivateKey'),
                AUTH_JWT_PUBLIC_KEYS: inject('authJwtPublicKeys'),
                AUTH_REGISTRATION: '',
                AUTH_PLATFORM_ADMINS: '',
                AUTH_JWT_ISSUER: '',
                AUTH_JWT_AUDIENCE: '',
                AUTH_ACCESS_TOKEN_TTL: '',
                AUTH_REFRESH_TOKEN_TTL: '',
                AUTH_OIDC_ISSUER: '',
                AUTH_OIDC_JWKS_URL: '',
                AUTH_OIDC_AUDIENCE: '',
                AUTH_LOGIN_FREE_FAILURES: '',
                AUTH_LOGIN_MAX_DELAY_SECONDS: '',
                AUTH_LOGIN_WINDOW_SECONDS: '',
                AUTH_LOGIN_ADDRESS_FAILURES: '',
                // Plugin settings pinned to their defaults too (a test that needs one passes it to bootApp).
                ...Object.fromEntries(PINNED_PLUGIN_SETTINGS.map((name) => [name, ''])),
                TEST_OIDC_JWKS_URL: inject('oidcJwksUrl'),
                TEST_OIDC_PRIVATE_JWK: inject('oidcPrivateJwk'),
                // chat: Claude is the fake Messages API (test/support/fake-anthropic.ts), scripted per test.
                CHAT_ANTHROPIC_BASE_URL: inject('anthropicUrl'),
                CHAT_ANTHROPIC_API_KEY: 'test-anthropic-key',
              },
            },
          })),
        ],
        test: {
          name: 'workers',
          // Two files at a time, each in its own workerd (vitest's default is one fewer than the
          // cores: 1 here): a file here mostly waits on Postgres and S3. This project's files run
          // first, then the node project's (vitest runs the projects of one group in one pool of
          // one size, and puts a project of one worker with isolation in a last group of its own).
          sequence: { groupOrder: 0 },
          maxWorkers: 2,
          // Local round trips take milliseconds; 15 s (not vitest's 5) keeps a loaded 2-core machine
          // from failing a multi-request test that a quiet one runs in one or two seconds.
          testTimeout: 15_000,
          // One workerd and one module graph for every file (isolation re-imported the app per file:
          // ~3 s each, 380 s of a 707 s run). Test files share nothing but the database, and each
          // makes its own tenants and users; connections a request leaves open would now pile up.
          isolate: false,
          include: [
            'worker/**/*.test.{ts,tsx}',
            'plugins/**/*.test.{ts,tsx}',
            'durable-objects/**/*.test.ts',
            'queues/**/*.test.ts',
            'views/**/*.test.{ts,tsx}',
            'test/worker/**/*.test.{ts,tsx}',
            'examples/plugin-polygons/**/*.test.ts',
          ],
          // The xml-builder shim imports ESM files of a CommonJS package; let vite transform them.
          server: { deps: { inline: [/@aws-sdk\/xml-builder/] } },
          deps: {
            optimizer: {
              // Pre-bundling pg resolves its CommonJS requires (pg-protocol) the way wrangler's
              // bundle does; Node built-ins stay external for workerd's nodejs_compat to provide.
              ssr: {
                enabled: true,
                include: ['pg', '@aws-sdk/client-s3', '@neondatabase/serverless', 'drizzle-orm', 'zod'],
                rolldownOptions: { external: [...builtinModules, ...builtinModules.map((m) => `node:${m}`), /^cloudflare:/] },
              },
            },
          },
        },
      },
      {
        test: {
          name: 'node',
          environment: 'node',
          // Two files at a time too, after the workers project: one at a time left the machine 40%
          // idle for the 400 s this project takes (a browser file mostly waits on Chromium, the
          // Worker and Postgres in turn).
          sequence: { groupOrder: 1 },
          maxWorkers: 2,
          include: ['scripts/**/*.test.ts', 'runner/**/*.test.ts', 'infra/**/*.test.ts', 'test/node/**/*.test.ts', 'test/browser/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
