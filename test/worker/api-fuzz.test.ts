// Property-based fuzzing of every operation of the live OpenAPI document with fast-check: requests
// derived from each operation's request schemas, most well-formed and the rest broken in one place
// (fuzz-requests.ts, fuzz-mutations.ts), sent in keep-alive sequences through the same app, as a
// real owner of a real tenant (or its API key, or a platform admin, for routes only those may call)
// so they reach the handlers. Then sequences mixing a plugin's operations on the same resources.
// Whatever comes in: never a 5xx, and every 4xx is problem+json with a code and its own status.
// Seeds are fixed: a failure names the seed and path that replay it.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { clusterAdminPlugin } from '../../plugins/cluster-admin';
import { installedPlugins } from '../../worker/plugins';
import { probePlugin } from '../fixtures/probe-plugin';
import { labelOf, loadApiDocument, type Operation, pathSlots } from './api-operations';
import { knows, newWorld, resource, type World } from './api-world';
import { FAKE_ECS_SETTINGS, fakeEcsClient } from './fake-ecs';
import { type Call, type Caller, fuzzClient } from './fuzz-client';
import { requestArbitrary } from './fuzz-requests';
import { bootApp } from './harness';
import { authTestEnv } from './identity';
import { seedUser } from './seed';

/** The base seed; each property runs with this plus a hash of its name, so adding routes moves no other's inputs. */
const SEED = 20_261_122;
/** Runs per operation, each a sequence of one to three requests. */
const RUNS = 25;
/** Runs per plugin of sequences mixing its operations, each of one to six requests. */
const MIXED_RUNS = 15;
const MIN_REQUESTS = 5_000;
// Operations run side by side: most of a request's time is spent waiting on Postgres and S3.
vi.setConfig({ maxConcurrency: 10 });

// Cluster admin against a fake ECS, with a platform admin: an account first, then a deployment naming it.
const plugins = () => installedPlugins().map((p) => (p.id === 'cluster-admin' ? clusterAdminPlugin({ ecs: fakeEcsClient() }) : p));
const operator = await seedUser(await bootApp(plugins(), await authTestEnv()), { name: 'operator' });
const atoll = await bootApp(plugins(), { ...(await authTestEnv()), ...FAKE_ECS_SETTINGS, AUTH_PLATFORM_ADMINS: operator.userId });
const api = await loadApiDocument(atoll);
const client = fuzzClient(atoll, operator);

const seedOf = (name: string) => [...name].reduce((h, ch) => (Math.imul(h, 31) + ch.charCodeAt(0)) | 0, SEED);

/** The world reads are fuzzed in and callers are probed in (probes change nothing). */
const shared = await newWorld(atoll, 'reads');
const callers = new Map<string, Promise<Caller>>();
const callerOf = (op: Operation) => {
  if (!callers.has(op.id))
    callers.set(
      op.id,
      client.callerFor(op, shared, () => newWorld(atoll, 'probe')),
    );
  return callers.get(op.id)!;
};

/** Requests for `op` against `w`'s resources, each with its caller's token. */
async function callsFor(op: Operation, w: World): Promise<fc.Arbitrary<Call>> {
  const caller = await callerOf(op);
  const pathValues = Object.fromEntries(await Promise.all(pathSlots(op.path).map(async (s) => [s.name, await resource(w, s.key)] as const)));
  const properties = Object.keys(api.resolve(op.body?.schema).properties ?? {}).filter((name) => knows(`body/{${name}}`));
  const bodyValues = Object.fromEntries(await Promise.all(properties.map(async (name) => [name, await resource(w, `body/{${name}}`)] as const)));
  return requestArbitrary({ api, op, pathValues, bodyValues, tenantId: w.tenant.id, tenantSlug: w.tenant.slug }).map((request) => ({ request, token: caller(w) }));
}

describe.concurrent('fuzzing every documented operation', () => {
  for (const op of api.operations) {
    it(labelOf(op), { timeout: 120_000 }, async () => {
      // Reads share one world; anything else may change or delete what it names, so gets its own.
      const w = op.method === 'GET' ? shared : await newWorld(atoll, 'fuzz');
      const handled = await client.checkSequences(labelOf(op), await callsFor(op, w), { seed: seedOf(op.id), runs: RUNS, maxLength: 3 });
      // Requests that all bounced off access control would prove nothing about the handler.
      expect(handled.length, `${labelOf(op)}: no request got past access control`).toBeGreaterThan(0);
    });
  }
});

describe.concurrent("fuzzing sequences of each plugin's operations on the same resources", () => {
  for (const tag of [...new Set(api.operations.map((op) => op.tag))]) {
    it(tag, { timeout: 120_000 }, async () => {
      const w = await newWorld(atoll, `mixed-${tag}`);
      const ops = api.operations.filter((op) => op.tag === tag);
      const calls = fc.oneof(...(await Promise.all(ops.map((op) => callsFor(op, w)))));
      const handled = await client.checkSequences(`${tag} sequences`, calls, { seed: seedOf(tag), runs: MIXED_RUNS, maxLength: 6 });
      expect(handled.length, `${tag}: no request got past access control`).toBeGreaterThan(0);
    });
  }
});

describe('the fuzzer', () => {
  it('reports a 5xx with the request, the response and how to replay it', async () => {
    // The kernel's probe plugin answers GET /probe/fail/crash with an unexpected error (a 500).
    const probe = await bootApp([probePlugin()]);
    const probeApi = await loadApiDocument(probe);
    const op = probeApi.operations.find((o) => o.id === 'probe.fail')!;
    const calls = requestArbitrary({ api: probeApi, op, pathValues: { kind: 'crash' } }).map((request) => ({ request, token: operator.accessToken }));
    const run = fuzzClient(probe, operator).checkSequences('probe.fail', calls, { seed: 1, runs: 20, maxLength: 1 });
    await expect(run).rejects.toThrow(/500 \(server error\)\n {2}request: .*\/api\/v1\/probe\/fail\/crash[\s\S]*"status":500[\s\S]*replay: seed 1, path/);
  });
});

describe('the fuzzing run', () => {
  it(`sent at least ${MIN_REQUESTS} requests, none answered with a 5xx`, () => {
    const statuses = Object.fromEntries([...client.tally.statuses].sort(([x], [y]) => x - y));
    expect(client.tally.requests, `requests by status: ${JSON.stringify(statuses)}`).toBeGreaterThanOrEqual(MIN_REQUESTS);
    expect(
      Object.keys(statuses).filter((s) => Number(s) >= 500),
      JSON.stringify(statuses),
    ).toEqual([]);
  });
});
