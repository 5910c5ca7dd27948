// The security set of every operation the app documents, generated from its live OpenAPI document:
// no credentials → 401; a non-member's tenant, another tenant's resources → 404; a viewer's writes
// → 403; every answer problem+json with a code. A new route is covered without a test of its own;
// one with a path parameter nobody knows how to fill fails here until api-world.ts learns it.
import { describe, expect, it, vi } from 'vitest';
import { installedPlugins } from '../../worker/plugins';
import { exampleRequest, pathValues, queryKey, type ApiRequest } from './api-examples';
import { fillPath, labelOf, loadApiDocument, pathSlots, type Operation } from './api-operations';
import { isOwned, knows, makeAll, newWorld, type World } from './api-world';
import { bootApp, send } from './harness';
import { authTestEnv } from './identity';
import { answerOf, describeAnswer, problemDefect, type Answer } from './problem-check';

vi.setConfig({ testTimeout: 120_000 });

const atoll = await bootApp(installedPlugins(), await authTestEnv());
const api = await loadApiDocument(atoll);
const operations = api.operations;

// The operations the document marks public, reviewed: making another one public must change this
// list in the same commit, so it cannot slip past the 401 check below unnoticed.
const PUBLIC = [
  'auth.getJwks',
  'auth.login',
  'auth.refreshTokens',
  'auth.registerUser',
  'health.live',
  'health.ready',
  'realtime.connect', // authenticated by its single-use ticket (plugins/realtime)
  'system.getInfo',
];
// Tenant-scoped operations that only read, though not by GET: viewers may call them.
// chat.runTool: the tool itself says which role it needs (a viewer runs read-only tools).
const VIEWER_MAY = ['artifacts.createDownloadUrl', 'chat.runTool', 'datasets.runQuery', 'files.presignDownload', 'realtime.createTicket'];
// Tenant-scoped writes of a caller's own private things (chat sessions): any member may, viewers too.
const VIEWER_OWN = ['chat.cancelRun', 'chat.createSession', 'chat.decideToolCall', 'chat.deleteSession', 'chat.renameSession', 'chat.sendMessage'];
// Operations outside any tenant that every signed-in user may call on their own account.
const SELF_SERVICE = ['auth.changePassword', 'auth.endSession', 'auth.logout', 'auth.logoutAll', 'auth.updateMe', 'auth.updatePreferences', 'tenants.createTenant'];

/** Sends `req` with the bearer `token` (or none) and `tenant` as `x-tenant-id` (or none). */
async function sendAs(req: ApiRequest, token: string | null, tenant?: string): Promise<Answer> {
  const headers: Record<string, string> = { ...req.headers };
  if (token) headers.authorization = `Bearer ${token}`;
  if (tenant) headers['x-tenant-id'] = tenant;
  return answerOf(await send(atoll, req.url, { method: req.method, headers, ...(req.body === undefined ? {} : { body: req.body }) }));
}

/** Records in `failures` why `answer` is not a problem with one of `statuses`. */
function check(failures: string[], what: string, answer: Answer, statuses: number[]) {
  const defect = problemDefect(answer);
  if (!statuses.includes(answer.status)) failures.push(`${what}: expected ${statuses.join(' or ')}, got ${describeAnswer(answer)}`);
  else if (defect) failures.push(`${what}: ${defect}: ${describeAnswer(answer)}`);
}

const [a, b] = await Promise.all([newWorld(atoll, 'matrix-a'), newWorld(atoll, 'matrix-b')]);
await Promise.all([makeAll(a), makeAll(b)]);
const requestIn = (op: Operation, w: World) => exampleRequest(api, op, w);
const ownedSlots = (op: Operation) => pathSlots(op.path).filter((s) => isOwned(s.key));
const namesTenantThings = (op: Operation) => ownedSlots(op).length > 0 || op.params.some((p) => p.in === 'query' && queryKey(op, p.name));

describe('the API surface (from the live OpenAPI document)', () => {
  it('knows how to make a real value for every path parameter of every operation', () => {
    const unknown = operations.flatMap((op) => pathSlots(op.path).filter((s) => !knows(s.key)).map((s) => `${labelOf(op)}: ${s.key}`));
    expect(unknown, `add these to RESOURCES in test/worker/api-world.ts:\n${unknown.join('\n')}`).toEqual([]);
    expect(operations.length).toBeGreaterThan(90);
  });

  it('marks as public exactly the reviewed operations', () => {
    expect(operations.filter((op) => op.public).map((op) => op.id).sort()).toEqual(PUBLIC);
  });
});

describe('tenant matrix', () => {
  it('answers 401 to every non-public operation called without credentials or with a bad token', async () => {
    const failures: string[] = [];
    const secured = operations.filter((op) => !op.public);
    for (const op of secured) {
      const req = await requestIn(op, a);
      check(failures, `${labelOf(op)} without credentials`, await sendAs(req, null, a.tenant.id), [401]);
      check(failures, `${labelOf(op)} with a forged token`, await sendAs(req, `${a.owner.accessToken.slice(0, -4)}AAAA`, a.tenant.id), [401]);
    }
    expect(failures, failures.join('\n')).toEqual([]);
    expect(secured.length).toBeGreaterThan(80);
  });

  it("answers 404 to a member of tenant B naming tenant A in x-tenant-id, on every tenant-scoped operation", async () => {
    const failures: string[] = [];
    const scoped = operations.filter((op) => op.tenantScoped);
    for (const op of scoped) {
      const answer = await sendAs(await requestIn(op, a), b.owner.accessToken, a.tenant.id);
      check(failures, labelOf(op), answer, [404]);
      if (answer.status === 404 && answer.body?.code !== 'KERNEL_TENANT_NOT_FOUND') failures.push(`${labelOf(op)}: code ${answer.body?.code}, not KERNEL_TENANT_NOT_FOUND`);
    }
    expect(failures, failures.join('\n')).toEqual([]);
    expect(scoped.length).toBeGreaterThan(60);
  });

  it("answers 404 to tenant B's owner and API key using tenant A's ids, on every operation that takes one", async () => {
    const failures: string[] = [];
    const targeted = operations.filter(namesTenantThings);
    for (const op of targeted) {
      const req = await requestIn(op, a);
      const answers = [
        ['owner', await sendAs(req, b.owner.accessToken, b.tenant.id)],
        ['API key', await sendAs(req, b.key.secret)],
      ] as const;
      // A caller of the wrong kind (a user on a runners' route, a key on an account route) is refused
      // before any lookup; the other one must then get the 404.
      for (const [who, answer] of answers) {
        const refusedKind = answer.status === 403 && answer.body?.code === 'KERNEL_FORBIDDEN';
        if (!refusedKind) check(failures, `${labelOf(op)} as B's ${who}`, answer, [404]);
      }
      if (!answers.some(([, answer]) => answer.status === 404)) failures.push(`${labelOf(op)}: neither of B's callers got 404: ${answers.map(([, x]) => describeAnswer(x)).join(' | ')}`);
    }
    expect(failures, failures.join('\n')).toEqual([]);
    expect(targeted.length).toBeGreaterThan(40);
  });

  it("answers 404 to tenant B naming tenant A's child under B's own parent (e.g. A's panel on B's dashboard)", async () => {
    const failures: string[] = [];
    const nested = operations.filter((op) => ownedSlots(op).length > 1);
    for (const op of nested) {
      const [ours, theirs] = await Promise.all([pathValues(op, b), pathValues(op, a)]);
      const template = (await requestIn(op, b)).url.replace(/^[^?]*/, '');
      for (const child of ownedSlots(op).slice(1)) {
        const req = await requestIn(op, b);
        const url = fillPath(op.path, { ...ours, [child.name]: theirs[child.name]! }) + template;
        const answers = [await sendAs({ ...req, url }, b.owner.accessToken, b.tenant.id), await sendAs({ ...req, url }, b.key.secret)];
        const relevant = answers.filter((x) => !(x.status === 403 && x.body?.code === 'KERNEL_FORBIDDEN'));
        if (relevant.length === 0) failures.push(`${labelOf(op)} with A's ${child.key}: both callers refused by kind`);
        for (const answer of relevant) check(failures, `${labelOf(op)} with A's ${child.key}`, answer, [404]);
      }
    }
    expect(failures, failures.join('\n')).toEqual([]);
    expect(nested.length).toBeGreaterThan(5);
  });

  it("answers 403 to a viewer's writes: every tenant-scoped operation but GET, the reviewed reads and own-things writes", async () => {
    const failures: string[] = [];
    const writes = operations.filter((op) => !op.public && op.method !== 'GET' && !SELF_SERVICE.includes(op.id));
    for (const op of writes) {
      const answer = await sendAs(await requestIn(op, a), a.viewer.accessToken, a.tenant.id);
      if (VIEWER_MAY.includes(op.id) || VIEWER_OWN.includes(op.id)) {
        if (answer.status === 403 || answer.status >= 500) failures.push(`${labelOf(op)} is reviewed as open to viewers, got ${describeAnswer(answer)}`);
      } else {
        check(failures, labelOf(op), answer, [403]);
      }
    }
    expect(failures, failures.join('\n')).toEqual([]);
    expect(writes.length).toBeGreaterThan(40);
  });

  // The control for the 404s above: the same requests in the ids' own tenant are not refused, so
  // the 404s come from the tenant wall, not from ids that were never real or a malformed request.
  // Each operation gets a fresh world, since some of these requests delete what they name.
  it('serves the same requests to the owner (or API key) of the tenant the ids belong to', async () => {
    const failures: string[] = [];
    const targeted = operations.filter(namesTenantThings);
    for (const op of targeted) {
      const w = await newWorld(atoll, 'control');
      const req = await requestIn(op, w);
      let answer = await sendAs(req, w.owner.accessToken, w.tenant.id);
      if (answer.status === 403 && answer.body?.code === 'KERNEL_FORBIDDEN') answer = await sendAs(req, w.key.secret);
      if ([401, 403, 404].includes(answer.status) || answer.status >= 500) failures.push(`${labelOf(op)} in its own tenant: ${describeAnswer(answer)}`);
    }
    expect(failures, failures.join('\n')).toEqual([]);
    expect(targeted.length).toBeGreaterThan(40);
  });
});
