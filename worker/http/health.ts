import type { S3Client } from '@aws-sdk/client-s3';
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import type { Context } from 'hono';
import { getDb } from '../db/request-db';
import type { AppEnv } from '../plugin/types';
import { probeBucket } from '../storage/s3-client';

const CHECK_TIMEOUT_MS = 3_000;

const CheckSchema = z.object({
  status: z.enum(['ok', 'fail']),
  latencyMs: z.number().int(),
  error: z.string().optional().openapi({ description: 'Why it failed: timeout or unreachable' }),
});
const ReadySchema = z.object({ status: z.enum(['ok', 'fail']), checks: z.object({ postgres: CheckSchema, s3: CheckSchema }) }).openapi('Readiness');

const liveRoute = createRoute({
  method: 'get',
  path: '/health/live',
  tags: ['health'],
  operationId: 'health.live',
  summary: 'Liveness: the Worker answers',
  description: 'Answers 200 whenever the Worker runs; checks no dependency.\n\nAccess: Public, no credentials needed.',
  security: [],
  responses: { 200: { description: 'Alive', content: { 'application/json': { schema: z.object({ status: z.literal('ok') }) } } } },
});

const readyRoute = createRoute({
  method: 'get',
  path: '/health/ready',
  tags: ['health'],
  operationId: 'health.ready',
  summary: 'Readiness: Postgres and S3 answer',
  description: 'Checks Postgres and S3 side by side, each within 3 s; 503 names the one that failed. Never cached.\n\nAccess: Public, no credentials needed.',
  security: [],
  responses: {
    200: { description: 'Every dependency answers', content: { 'application/json': { schema: ReadySchema } } },
    503: { description: 'A dependency failed; `checks` says which', content: { 'application/json': { schema: ReadySchema } } },
  },
});

const TIMED_OUT = new Error('check timed out');

async function timed(check: () => Promise<unknown>): Promise<z.infer<typeof CheckSchema>> {
  const started = Date.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(TIMED_OUT), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([check(), timeout]);
    return { status: 'ok', latencyMs: Date.now() - started };
  } catch (error) {
    const timedOut = error === TIMED_OUT || (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'));
    const reason = timedOut ? 'timeout' : 'unreachable';
    return { status: 'fail', latencyMs: Date.now() - started, error: reason };
  } finally {
    clearTimeout(timer);
  }
}

export interface ReadinessDeps {
  s3: S3Client;
  bucket: string;
}

export type Readiness = z.infer<typeof ReadySchema>;

/** Checks Postgres and S3 side by side, each bounded by a timeout. */
export async function checkReadiness(c: Context, deps: ReadinessDeps): Promise<Readiness> {
  const [postgres, s3] = await Promise.all([timed(() => getDb(c).execute(sql`select 1`)), timed(() => probeBucket(deps.s3, deps.bucket, CHECK_TIMEOUT_MS))]);
  const ok = postgres.status === 'ok' && s3.status === 'ok';
  if (!ok) c.get('logger').warn('not ready', { postgres, s3 });
  return { status: ok ? 'ok' : 'fail', checks: { postgres, s3 } };
}

export function mountHealth(app: OpenAPIHono<AppEnv>, deps: ReadinessDeps) {
  app.openapi(liveRoute, (c) => c.json({ status: 'ok' as const }, 200));
  app.openapi(readyRoute, async (c) => {
    const readiness = await checkReadiness(c, deps);
    c.header('cache-control', 'no-store');
    return c.json(readiness, readiness.status === 'ok' ? 200 : 503);
  });
}

export const HEALTH_ROUTES = ['GET /health/live', 'GET /health/ready'];
