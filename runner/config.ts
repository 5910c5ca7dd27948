import { hostname } from 'node:os';
import { z } from 'zod';

const positiveInt = (fallback: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0 || n > max) {
        ctx.addIssue({ code: 'custom', message: `must be an integer from 0 to ${max}, got "${v}"` });
        return z.NEVER;
      }
      return n;
    });

const EnvSchema = z.object({
  ATOLL_URL: z.url({ error: 'must be the Atoll origin, e.g. http://127.0.0.1:8787' }),
  ATOLL_API_KEY: z.string({ error: 'is required: an API key with the jobs:work scope' }).regex(/^atk_/, 'must be an Atoll API key (atk_…)'),
  RUNNER_ID: z.string().max(200).optional(),
  RUNNER_TYPES: z.string().optional(),
  RUNNER_HANDLERS: z.string().optional(),
  RUNNER_CONCURRENCY: positiveInt(2, 50),
  RUNNER_POLL_MS: positiveInt(1000, 600_000),
  RUNNER_IDLE_EXIT_SECONDS: positiveInt(0, 86_400),
  RUNNER_GRACE_SECONDS: positiveInt(25, 3600),
});

export interface RunnerConfig {
  /** Origin of the Atoll Worker, without a trailing slash. */
  url: string;
  apiKey: string;
  runnerId: string;
  /** Job types to claim; empty = DEFAULT_TYPES and the types of `handlerModules`. */
  types: string[];
  /** Modules whose `runnerHandlers` add job types (plugin packages' runner entries). */
  handlerModules: string[];
  concurrency: number;
  pollMs: number;
  /** 0 = never exit when idle. */
  idleExitSeconds: number;
  /** After SIGTERM, how long running handlers may take before they are aborted and reported failed. */
  graceSeconds: number;
}

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);

/**
 * The runner's settings from its environment, validated once at start; a bad value throws an error
 * naming the variable.
 *
 * @example
 * const config = loadConfig({ ATOLL_URL: 'http://127.0.0.1:8787', ATOLL_API_KEY: 'atk_…' });
 */
export function loadConfig(env: NodeJS.ProcessEnv): RunnerConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) throw new Error(`runner configuration: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'env'}: ${i.message}`).join('; ')}`);
  const e = parsed.data;
  if (e.RUNNER_CONCURRENCY < 1) throw new Error('runner configuration: RUNNER_CONCURRENCY must be at least 1');
  return {
    url: e.ATOLL_URL.replace(/\/+$/, ''),
    apiKey: e.ATOLL_API_KEY,
    runnerId: e.RUNNER_ID || `${hostname()}-${process.pid}`,
    types: list(e.RUNNER_TYPES),
    handlerModules: list(e.RUNNER_HANDLERS),
    concurrency: e.RUNNER_CONCURRENCY,
    pollMs: Math.max(e.RUNNER_POLL_MS, 10),
    idleExitSeconds: e.RUNNER_IDLE_EXIT_SECONDS,
    graceSeconds: e.RUNNER_GRACE_SECONDS,
  };
}
