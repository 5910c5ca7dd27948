// How to make every resource the first-party API addresses by id (not a test file itself): the
// `resources` the first-party plugins' conformance suites (conformance*.test.ts) and the whole-app
// checks (tenant-matrix, api-fuzz, field-edges) use. Keyed by the collection before a path parameter
// (`projects/{id}`, `panels/{panelId}`): an operation with a parameter nobody registered fails the
// suites, naming it, so a new route extends this table. Query parameters and body properties that
// must name something real have entries too (`folders?{path}`, `query/{path}`, `body/{email}`).
import { env } from 'cloudflare:workers';
import { seedDataset } from '../../plugins/analytics/testing';
import { uploadVersion } from '../../plugins/artifacts/testing';
import type { AtollApp } from '../../worker/app';
import { testAtollOf } from '../../worker/plugin/testing/start';
import * as world from '../../worker/plugin/testing/world';
import { expectJson, type ResourceContext, type Resources, type World } from '../../worker/plugin/testing/world';
import { fakeScriptMarker, scriptFake } from '../support/fake-anthropic-client';

export type { World } from '../../worker/plugin/testing/world';

/** A new tenant of `atoll` with the first-party resources, made when first asked for. */
export const newWorld = (atoll: AtollApp, label = 'world'): Promise<World> => world.newWorld(testAtollOf(atoll), RESOURCES, label);
/** The value of registry entry `key` in `w`, made once. */
export const resource = (w: World, key: string) => world.resource(w, key);
/** Whether the registry knows how to make `key`. */
export const knows = (key: string) => key in RESOURCES;

/** Sends as the tenant's owner and returns the JSON body, throwing unless the status is `status`. */
const asOwner = async (c: ResourceContext, method: string, path: string, body: unknown, status: number) => expectJson(await c.asOwner.request(method, path, body), status);

const FAKE_ANTHROPIC = (env as unknown as { CHAT_ANTHROPIC_BASE_URL: string }).CHAT_ANTHROPIC_BASE_URL;

/** Asks a question in the owner's chat session; the response is the run's event stream. */
async function runIn(c: ResourceContext, content: string): Promise<Response> {
  const sessionId = await c.resource('sessions/{sessionId}');
  const res = await c.asOwner.post(`/api/v1/chat/sessions/${sessionId}/messages`, { content });
  if (res.status !== 200) throw new Error(`asking in the world's session: ${res.status} ${await res.text()}`);
  if (content === 'Hello') await res.text();
  return res;
}
const suffix = () => crypto.randomUUID().slice(0, 8);
const RUNNER_ID = 'world-runner';

const asKey = (c: ResourceContext) => c.t.as({ apiKey: c.key.secret });

async function claimed(c: ResourceContext): Promise<string> {
  const datasetId = await c.resource('datasets/{id}');
  await asOwner(c, 'POST', '/api/v1/jobs', { type: 'datasets.export', input: { datasetId, format: 'csv' } }, 201);
  const body = await expectJson(await asKey(c).post('/api/v1/jobs/claim', { types: ['datasets.export'], runnerId: RUNNER_ID }), 200);
  if (!body.jobs?.[0]) throw new Error(`claim found no job: ${JSON.stringify(body)}`);
  return body.jobs[0].assignmentId;
}

/** The name of a result file the world's job has: claimed by the world's key, which uploads one. */
async function resultFile(c: ResourceContext): Promise<string> {
  const jobId = await c.resource('jobs/{id}');
  const body = await expectJson(await asKey(c).post('/api/v1/jobs/claim', { types: ['datasets.profile'], runnerId: RUNNER_ID, max: 50 }), 200);
  const assignment = body.jobs?.find((j: { jobId: string }) => j.jobId === jobId);
  if (!assignment) throw new Error(`claim of the world's job found nothing: ${JSON.stringify(body)}`);
  const content = '{"rowCount":0}';
  const upload = { name: 'profile.json', size: content.length, contentType: 'application/json' };
  const target = await expectJson(await asKey(c).post(`/api/v1/jobs/assignments/${assignment.assignmentId}/uploads`, upload), 201);
  const put = await fetch(target.url, { method: 'PUT', headers: target.headers, body: content });
  if (put.status !== 200) throw new Error(`result upload failed (${put.status}): ${await put.text()}`);
  return 'profile.json';
}

/** A file in a folder of its own. */
async function uploadedFile(c: ResourceContext): Promise<string> {
  const path = `world/${suffix()}/a.txt`;
  const form = new FormData();
  form.append('path', path);
  form.append('file', new File(['hello'], 'a.txt', { type: 'text/plain' }));
  await expectJson(await c.asOwner.post('/api/v1/files', form), 201);
  return path;
}

const project = (c: ResourceContext) => c.resource('projects/{id}');

export const RESOURCES: Resources = {
  'sessions/{id}': async (c) => (await expectJson(await c.asOwner.get('/api/v1/auth/sessions'), 200)).items[0].id,
  'tenants/{id}': async (c) => c.tenantId,
  'members/{userId}': async (c) => c.team.member.userId,
  'api-keys/{keyId}': async (c) => (await c.t.seedApiKey(c.tenantId, { scopes: ['projects:read'], createdBy: c.team.owner.userId })).id,
  'projects/{id}': async (c) => (await asOwner(c, 'POST', '/api/v1/projects', { name: `p-${suffix()}` }, 201)).id,
  'projects/{projectId}': project,
  // With one version of content, so its reads (content, download URL) reach the stored object.
  'artifacts/{id}': async (c) => {
    const artifact = await asOwner(c, 'POST', `/api/v1/projects/${await project(c)}/artifacts`, { name: 'result', kind: 'report' }, 201);
    await uploadVersion(c.t.app, c.team.owner, c.tenantId, artifact.id, 'artifact content');
    return artifact.id;
  },
  'uploads/{uploadId}': async (c) => (await asOwner(c, 'POST', `/api/v1/artifacts/${await c.resource('artifacts/{id}')}/uploads`, { size: 5, contentType: 'text/plain' }, 201)).uploadId,
  // Seeded ready, with points, so the dataset reads (preview, summary, export) reach their queries.
  'datasets/{id}': (c) =>
    seedDataset(c.tenantId, [
      ['cpu', 0.5, '2026-01-01T00:00:00Z'],
      ['cpu', 0.75, '2026-01-01T01:00:00Z'],
      ['mem', 2, '2026-01-01T00:30:00Z'],
    ]),
  'saved-queries/{id}': async (c) => (await asOwner(c, 'POST', '/api/v1/datasets/saved-queries', { name: `q-${suffix()}`, sql: 'select 1' }, 201)).id,
  'dashboards/{id}': async (c) => (await asOwner(c, 'POST', '/api/v1/dashboards', { name: `d-${suffix()}` }, 201)).id,
  'panels/{panelId}': async (c) =>
    (await asOwner(c, 'POST', `/api/v1/dashboards/${await c.resource('dashboards/{id}')}/panels`, { type: 'timeseries', title: 'cpu', query: { metric: 'cpu', range: { last: '365d' } } }, 201)).id,
  'jobs/{id}': async (c) => (await asOwner(c, 'POST', '/api/v1/jobs', { type: 'datasets.profile', input: { datasetId: await c.resource('datasets/{id}') } }, 201)).id,
  'assignments/{id}': claimed,
  'assistants/{id}': async (c) => (await asOwner(c, 'POST', '/api/v1/chat/assistants', { name: `a-${suffix()}` }, 201)).id,
  // The owner's own chat session (private to them: other members get 404 for it).
  'sessions/{sessionId}': async (c) => (await asOwner(c, 'POST', '/api/v1/chat/sessions', { title: 'world' }, 201)).id,
  // A finished run of that session (the fake model's default answer), then a writing tool call of
  // a second run, waiting for the owner's approval (made after the first: one run at a time).
  'runs/{runId}': async (c) => (await runIn(c, 'Hello')).headers.get('x-chat-run-id')!,
  'tool-calls/{callId}': async (c) => {
    await c.resource('runs/{runId}');
    const key = `world-${suffix()}`;
    const callId = `toolu_${suffix()}`;
    await scriptFake(FAKE_ANTHROPIC, key, [{ blocks: [{ type: 'tool_use', id: callId, name: 'jobs_start', input: { type: 'datasets.profile', input: {} } }] }]);
    const res = await runIn(c, `Start a job ${fakeScriptMarker(key)}`);
    const reader = res.body!.getReader();
    for (let text = ''; !text.includes('approval_required'); ) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`the run ended before asking for approval: ${text}`);
      text += new TextDecoder().decode(value);
    }
    await reader.cancel();
    return callId;
  },
  // A tool, by name (not a tenant's thing).
  'tools/{name}': { owned: false, make: async () => 'chat_calculator' },
  // A resource a job type serves to its runner: a name from the type's manifest, not an id.
  'resources/{name}': { owned: false, make: async () => 'schema.json' },
  'results/{name}': { owned: false, make: resultFile },
  // Query parameters that name a tenant's things (filled from here when an operation has them).
  'query/{path}': uploadedFile,
  'folders?{path}': async (c) => (await uploadedFile(c)).replace(/[^/]*$/, ''),
  'query/{datasetId}': (c) => c.resource('datasets/{id}'),
  // Body properties that must name something real (top-level properties of a JSON body).
  'body/{email}': { owned: false, make: async (c) => (await c.t.seedUser('invitee')).email },
  // A read-only query over the tenant's dataset, so SQL requests reach the database.
  'body/{sql}': {
    owned: false,
    make: async (c) => {
      const dataset = await asOwner(c, 'GET', `/api/v1/datasets/${await c.resource('datasets/{id}')}`, undefined, 200);
      return `select metric, avg(value) as mean from ${dataset.name} group by metric order by metric`;
    },
  },
  // The runner that holds `assignments/{id}`.
  'body/{runnerId}': { owned: false, make: async () => RUNNER_ID },
};
