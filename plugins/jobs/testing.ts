// Test helpers for the jobs plugin (not a test file itself).
import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { definePlugin, z } from 'atoll/plugin';
import { sql } from 'drizzle-orm';
import { bootApp, send } from '../../test/worker/harness';
import { authTestEnv, type SignedUp } from '../../test/worker/identity';
import { apiKeyOf, memberOf, ownerWithTenant } from '../../test/worker/seed';
import type { AtollApp } from '../../worker/app';
import { openDatabase } from '../../worker/db/connect';
import { createLogger } from '../../worker/logger';
import { runScheduled } from '../../worker/scheduled';
import { authPlugin } from '../auth';
import { tenantsPlugin } from '../tenants';
import { call } from '../tenants/testing';
import { jobsPlugin } from '.';
import { runAllTenants } from './services/all-tenants';

export { call, memberOf, ownerWithTenant };

/** The fixture's job type: adds numbers. Two attempts, a 30 s lease, one resource. */
export const ECHO = 'jobprobe.sum';
/** A second fixture type, so claims can be filtered by type. */
export const OTHER = 'jobprobe.other';
/** A type that reads what `files:read` guards, so a key creating it needs that scope too. */
export const GUARDED = 'jobprobe.guarded';

const SumInput = z.object({ numbers: z.array(z.number()).min(1).max(100), label: z.string().max(50).optional() });
const SumResult = z.object({ sum: z.number(), files: z.array(z.string()).optional() });

/** A plugin declaring trivial job types, so the jobs tests depend on no real job type. */
export const jobProbePlugin = definePlugin(() => ({
  id: 'jobprobe',
  version: '1.0.0',
  requires: ['tenants'],
  jobs: {
    [ECHO]: {
      input: SumInput,
      result: SumResult,
      leaseSeconds: 30,
      maxAttempts: 2,
      taskDefinition: 'atoll-runner',
      resources: {
        numbers: async (ctx) => new Response(`${(ctx.input as z.output<typeof SumInput>).numbers.join('\n')}\n`, { headers: { 'content-type': 'text/plain' } }),
      },
    },
    [OTHER]: { input: z.object({ id: z.number() }), result: z.object({}), leaseSeconds: 10, maxAttempts: 1 },
    [GUARDED]: { input: z.object({ path: z.string() }), result: z.object({}), leaseSeconds: 10, maxAttempts: 1, scopes: ['files:read'] },
  },
}));

export const bootJobs = async (env: Record<string, string> = {}): Promise<AtollApp> => bootApp([authPlugin(), tenantsPlugin(), jobsPlugin(), jobProbePlugin()], { ...(await authTestEnv()), ...env });

type Who = SignedUp | string;

/** A tenant with its owner and a member, plus a runner key (`jobs:work`) of that tenant. */
export async function jobsTeam(atoll: AtollApp, label = 'jobs') {
  const { owner, tenant } = await ownerWithTenant(atoll, label);
  const member = await memberOf(atoll, tenant.id, owner, 'member');
  const runnerKey = await workKey(atoll, owner, tenant.id);
  return { owner, member, tenant, runnerKey };
}

/** A new API key of `tenantId` with the `jobs:work` scope; returns its secret. */
export async function workKey(atoll: AtollApp, owner: SignedUp, tenantId: string, scopes = ['jobs:work']): Promise<string> {
  const key = await apiKeyOf(atoll, { tenantId, scopes, role: 'member', name: `runner-${crypto.randomUUID().slice(0, 6)}`, createdBy: owner.userId });
  return key.secret;
}

/** Creates a job of the fixture type as `who`. */
export const newJob = (atoll: AtollApp, who: Who, tenantId: string, numbers: number[] = [Math.random()], status = 201) =>
  call(atoll, 'POST', '/api/v1/jobs', who, { tenant: tenantId, body: { type: ECHO, input: { numbers } }, status });

/** Claims as a runner key: the claimed jobs (none on 204). */
export async function claim(atoll: AtollApp, key: string, body: { types?: string[]; runnerId?: string; max?: number } = {}) {
  const res = await send(atoll, '/api/v1/jobs/claim', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ types: [ECHO], runnerId: 'r1', ...body }),
  });
  if (res.status === 204) return [];
  const answer = (await res.json()) as { jobs: { assignmentId: string; jobId: string; tenantId: string; attempt: number; type: string; input: unknown }[] };
  if (res.status !== 200) throw new Error(`claim failed ${res.status}: ${JSON.stringify(answer)}`);
  return answer.jobs;
}

/** Runs SQL on the test database across tenants (as the app's runner paths do). */
export async function asApp<T>(atoll: AtollApp, fn: Parameters<typeof runAllTenants<T>>[1]): Promise<T> {
  const handle = openDatabase(atoll.config.database, createLogger('error'));
  try {
    return await runAllTenants(handle.db, fn);
  } finally {
    await handle.close();
  }
}

/** Moves a job's lease into the past, as if its runner had vanished. */
export const expireLease = (atoll: AtollApp, jobId: string) => asApp(atoll, (tx) => tx.execute(sql`update jobs set lease_expires_at = now() - interval '1 second' where id = ${jobId}`));

/** Runs the plugins' scheduled hooks once (the jobs lease sweep among them). */
export const runSweep = (atoll: AtollApp) => runScheduled({ cron: '* * * * *', scheduledTime: Date.now() }, { registry: atoll.registry, config: atoll.config, logger: createLogger('error') });

/** The `jobs` events the tenant's realtime hub holds, oldest first (read inside the hub). */
export async function hubJobEvents(tenantId: string): Promise<{ type: string; data: { jobId: string; type: string; status: string } }[]> {
  const namespace = env.TENANT_HUB;
  const hub = namespace.get(namespace.idFromName(tenantId));
  const rows = await runInDurableObject(hub, (_, state) => state.storage.sql.exec<{ type: string; data: string }>("SELECT type, data FROM events WHERE topic = 'jobs' ORDER BY id").toArray());
  return rows.map((r) => ({ type: r.type, data: JSON.parse(r.data) }));
}
