// A tenant with one of every resource the API addresses by id, made on demand (not a test file
// itself). `RESOURCES` says how to make the resource behind each path parameter, keyed by the
// collection before it (`projects/{id}`, `panels/{panelId}`): an operation with a parameter nobody
// registered fails the tests that walk the API, naming it, so a new route extends this table.
// Query parameters and body properties that must name something real have entries too
// (`folders?{path}` for one route, `query/{path}` for any, `body/{email}`).
import { env } from 'cloudflare:workers';
import type { AtollApp } from '../../worker/app';
import { fakeScriptMarker, scriptFake } from '../support/fake-anthropic-client';
import { seedDataset } from '../../plugins/analytics/testing';
import { uploadVersion } from '../../plugins/artifacts/testing';
import { call } from '../../plugins/tenants/testing';
import { send } from './harness';
import type { SignedUp } from './identity';
import { apiKeyOf, seedUser, team } from './seed';
import type { SeededTenant } from './seed-tenant';

export interface World {
  atoll: AtollApp;
  tenant: SeededTenant;
  owner: SignedUp;
  member: SignedUp;
  viewer: SignedUp;
  /** An API key of the tenant with every scope the routes use, at the highest role a key can have. */
  key: { id: string; secret: string };
  /** Resources made so far, by registry key. */
  made: Map<string, Promise<string>>;
}

interface Resource {
  /** Makes the resource in `w` and returns the value of the parameter. */
  make(w: World): Promise<string>;
  /** False for parameters that name no tenant-owned thing (a fixed resource name). */
  owned: boolean;
}

/** Every scope some route asks API keys for. */
export const allScopes = (atoll: AtollApp) => [
  ...new Set(atoll.registry.plugins.flatMap((p) => p.routes.flatMap((r) => (r.access && r.access !== 'public' ? (r.access.scopes ?? []) : [])))),
];

/** A new tenant (seeded: owner, member, viewer and a key), its resources made when first asked for. */
export async function newWorld(atoll: AtollApp, label = 'world'): Promise<World> {
  const { owner, member, viewer, tenant } = await team(atoll, label);
  const key = await apiKeyOf(atoll, { tenantId: tenant.id, scopes: allScopes(atoll), role: 'admin', createdBy: owner.userId });
  return { atoll, tenant, owner, member, viewer, key, made: new Map() };
}

/** The value of registry entry `key` in `w`, made once. */
export function resource(w: World, key: string): Promise<string> {
  const entry = RESOURCES[key];
  if (!entry) throw new Error(`no way to make a resource for ${key}: add it to RESOURCES in test/worker/api-world.ts`);
  let made = w.made.get(key);
  if (!made) {
    made = entry.make(w);
    w.made.set(key, made);
  }
  return made;
}

/** Makes every resource the registry knows in `w` (so a test that breaks one cannot break the making of another). */
export const makeAll = async (w: World) => void (await Promise.all(Object.keys(RESOURCES).map((key) => resource(w, key))));

export const isOwned = (key: string) => RESOURCES[key]?.owned !== false;
export const knows = (key: string) => key in RESOURCES;

const as = (w: World, method: string, path: string, body: unknown, status: number) => call(w.atoll, method, path, w.owner, { tenant: w.tenant.id, body, status });

const FAKE_ANTHROPIC = (env as unknown as { CHAT_ANTHROPIC_BASE_URL: string }).CHAT_ANTHROPIC_BASE_URL;

/** Asks a question in the owner's chat session; the response is the run's event stream. */
async function runIn(w: World, content: string): Promise<Response> {
  const sessionId = await resource(w, 'sessions/{sessionId}');
  const res = await send(w.atoll, `/api/v1/chat/sessions/${sessionId}/messages`, { method: 'POST', headers: { ...w.owner.headers(), 'x-tenant-id': w.tenant.id }, body: JSON.stringify({ content }) });
  if (res.status !== 200) throw new Error(`asking in the world's session: ${res.status} ${await res.text()}`);
  if (content === 'Hello') await res.text();
  return res;
}
const suffix = () => crypto.randomUUID().slice(0, 8);
const RUNNER_ID = 'world-runner';

async function claimed(w: World): Promise<string> {
  const datasetId = await resource(w, 'datasets/{id}');
  await as(w, 'POST', '/api/v1/jobs', { type: 'datasets.export', input: { datasetId, format: 'csv' } }, 201);
  const res = await send(w.atoll, '/api/v1/jobs/claim', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${w.key.secret}` },
    body: JSON.stringify({ types: ['datasets.export'], runnerId: RUNNER_ID }),
  });
  const body = (await res.json()) as { jobs?: { assignmentId: string }[] };
  if (res.status !== 200 || !body.jobs?.[0]) throw new Error(`claim failed (${res.status}): ${JSON.stringify(body)}`);
  return body.jobs[0].assignmentId;
}

/** The name of a result file the world's job has: claimed by the world's key, which uploads one. */
async function resultFile(w: World): Promise<string> {
  const jobId = await resource(w, 'jobs/{id}');
  const res = await send(w.atoll, '/api/v1/jobs/claim', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${w.key.secret}` },
    body: JSON.stringify({ types: ['datasets.profile'], runnerId: RUNNER_ID, max: 50 }),
  });
  const body = (await res.json()) as { jobs?: { assignmentId: string; jobId: string }[] };
  const assignment = body.jobs?.find((j) => j.jobId === jobId);
  if (res.status !== 200 || !assignment) throw new Error(`claim of the world's job failed (${res.status}): ${JSON.stringify(body)}`);
  const content = '{"rowCount":0}';
  const target = await call(w.atoll, 'POST', `/api/v1/jobs/assignments/${assignment.assignmentId}/uploads`, w.key.secret, { body: { name: 'profile.json', size: content.length, contentType: 'application/json' }, status: 201 });
  const put = await fetch(target.url, { method: 'PUT', headers: target.headers, body: content });
  if (put.status !== 200) throw new Error(`result upload failed (${put.status}): ${await put.text()}`);
  return 'profile.json';
}

/** A file in a folder of its own. */
async function uploadedFile(w: World): Promise<string> {
  const path = `world/${suffix()}/a.txt`;
  const form = new FormData();
  form.append('path', path);
  form.append('file', new File(['hello'], 'a.txt', { type: 'text/plain' }));
  const res = await send(w.atoll, '/api/v1/files', { method: 'POST', headers: { authorization: `Bearer ${w.owner.accessToken}`, 'x-tenant-id': w.tenant.id }, body: form });
  if (res.status !== 201) throw new Error(`file upload failed (${res.status}): ${await res.text()}`);
  return path;
}

const project = (w: World) => resource(w, 'projects/{id}');

const RESOURCES: Record<string, Resource> = {
  'sessions/{id}': { owned: true, make: async (w) => (await call(w.atoll, 'GET', '/api/v1/auth/sessions', w.owner, { status: 200 })).items[0].id },
  'tenants/{id}': { owned: true, make: async (w) => w.tenant.id },
  'members/{userId}': { owned: true, make: async (w) => w.member.userId },
  'api-keys/{keyId}': { owned: true, make: async (w) => (await apiKeyOf(w.atoll, { tenantId: w.tenant.id, scopes: ['projects:read'], createdBy: w.owner.userId })).id },
  'projects/{id}': { owned: true, make: async (w) => (await as(w, 'POST', '/api/v1/projects', { name: `p-${suffix()}` }, 201)).id },
  'projects/{projectId}': { owned: true, make: project },
  // With one version of content, so its reads (content, download URL) reach the stored object.
  'artifacts/{id}': {
    owned: true,
    make: async (w) => {
      const artifact = await as(w, 'POST', `/api/v1/projects/${await project(w)}/artifacts`, { name: 'result', kind: 'report' }, 201);
      await uploadVersion(w.atoll, w.owner, w.tenant.id, artifact.id, 'artifact content');
      return artifact.id;
    },
  },
  'uploads/{uploadId}': {
    owned: true,
    make: async (w) => (await as(w, 'POST', `/api/v1/artifacts/${await resource(w, 'artifacts/{id}')}/uploads`, { size: 5, contentType: 'text/plain' }, 201)).uploadId,
  },
  // Seeded ready, with points, so the dataset reads (preview, summary, export) reach their queries.
  'datasets/{id}': {
    owned: true,
    make: (w) =>
      seedDataset(w.tenant.id, [
        ['cpu', 0.5, '2026-01-01T00:00:00Z'],
        ['cpu', 0.75, '2026-01-01T01:00:00Z'],
        ['mem', 2, '2026-01-01T00:30:00Z'],
      ]),
  },
  'saved-queries/{id}': { owned: true, make: async (w) => (await as(w, 'POST', '/api/v1/datasets/saved-queries', { name: `q-${suffix()}`, sql: 'select 1' }, 201)).id },
  'dashboards/{id}': { owned: true, make: async (w) => (await as(w, 'POST', '/api/v1/dashboards', { name: `d-${suffix()}` }, 201)).id },
  'panels/{panelId}': {
    owned: true,
    make: async (w) =>
      (await as(w, 'POST', `/api/v1/dashboards/${await resource(w, 'dashboards/{id}')}/panels`, { type: 'timeseries', title: 'cpu', query: { metric: 'cpu', range: { last: '365d' } } }, 201)).id,
  },
  'jobs/{id}': {
    owned: true,
    make: async (w) => (await as(w, 'POST', '/api/v1/jobs', { type: 'datasets.profile', input: { datasetId: await resource(w, 'datasets/{id}') } }, 201)).id,
  },
  'assignments/{id}': { owned: true, make: claimed },
  'assistants/{id}': { owned: true, make: async (w) => (await as(w, 'POST', '/api/v1/chat/assistants', { name: `a-${suffix()}` }, 201)).id },
  // The owner's own chat session (private to them: other members get 404 for it).
  'sessions/{sessionId}': { owned: true, make: async (w) => (await as(w, 'POST', '/api/v1/chat/sessions', { title: 'world' }, 201)).id },
  // A finished run of that session (the fake model's default answer), then a writing tool call of
  // a second run, waiting for the owner's approval (made after the first: one run at a time).
  'runs/{runId}': {
    owned: true,
    make: async (w) => (await runIn(w, 'Hello')).headers.get('x-chat-run-id')!,
  },
  'tool-calls/{callId}': {
    owned: true,
    make: async (w) => {
      await resource(w, 'runs/{runId}');
      const key = `world-${suffix()}`;
      const callId = `toolu_${suffix()}`;
      await scriptFake(FAKE_ANTHROPIC, key, [{ blocks: [{ type: 'tool_use', id: callId, name: 'jobs_start', input: { type: 'datasets.profile', input: {} } }] }]);
      const res = await runIn(w, `Start a job ${fakeScriptMarker(key)}`);
      const reader = res.body!.getReader();
      for (let text = ''; !text.includes('approval_required'); ) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`the run ended before asking for approval: ${text}`);
        text += new TextDecoder().decode(value);
      }
      await reader.cancel();
      return callId;
    },
  },
  // A tool, by name (not a tenant's thing).
  'tools/{name}': { owned: false, make: async () => 'chat_calculator' },
  // A resource a job type serves to its runner: a name from the type's manifest, not an id.
  'resources/{name}': { owned: false, make: async () => 'schema.json' },
  'results/{name}': { owned: false, make: resultFile },
  // Query parameters that name a tenant's things (filled from here when an operation has them).
  'query/{path}': { owned: true, make: uploadedFile },
  'folders?{path}': { owned: true, make: async (w) => (await uploadedFile(w)).replace(/[^/]*$/, '') },
  'query/{datasetId}': { owned: true, make: (w) => resource(w, 'datasets/{id}') },
  // Body properties that must name something real (top-level properties of a JSON body).
  'body/{email}': { owned: false, make: async (w) => (await seedUser(w.atoll, { name: 'invitee' })).email },
  // A read-only query over the tenant's dataset, so SQL requests reach the database.
  'body/{sql}': {
    owned: false,
    make: async (w) => {
      const dataset = await as(w, 'GET', `/api/v1/datasets/${await resource(w, 'datasets/{id}')}`, undefined, 200);
      return `select metric, avg(value) as mean from ${dataset.name} group by metric order by metric`;
    },
  },
  // The runner that holds `assignments/{id}`.
  'body/{runnerId}': { owned: false, make: async () => RUNNER_ID },
};
