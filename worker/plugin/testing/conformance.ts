// `runConformanceSuite`: the security set every plugin's routes must pass, generated from the live
// OpenAPI document so a new route is covered without a test of its own. Two seeded tenants (A and B)
// each get one of every resource the routes address; the suite then crosses them.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Env } from '../../env';
import type { AnyPluginManifest } from '../types';
import { type ApiDocument, fillPath, labelOf, loadApiDocument, type Operation, pathSlots } from './api-document';
import { CONVENTIONAL_ID, check, checkResponses, neededKeys, operationsOf, refusedByKind } from './conformance-checks';
import { type ApiRequest, exampleRequest, pathValues, queryKey } from './examples';
import { type Answer, answerOf, describeAnswer } from './problem';
import { ownedByPlugin, rlsGaps, tenantTables } from './rls';
import { send } from './send';
import { startTestAtoll, type TestAtoll } from './start';
import type { TestUser } from './user';
import { isOwned, knows, makeAll, newWorld, type Resources, slotKey, type World } from './world';

/**
 * What `runConformanceSuite` needs to know about a plugin beyond its routes.
 *
 * @example
 * const options: ConformanceOptions = {
 *   resources: { polygonId: async ({ as }) => (await (await as.post('/api/v1/polygons', body)).json()).id },
 *   public: ['polygons.getTile'],
 *   viewerMay: ['polygons.measureArea'],
 * };
 */
export interface ConformanceOptions {
  /** How to make the resource behind each path parameter (and query or body value) the routes use. */
  resources?: Resources;
  /** Operation ids that are public (no credentials): exactly these may be, so none slips by. */
  public?: string[];
  /** Non-GET operations a viewer may call (reads by POST, writes of the caller's own things). */
  viewerMay?: string[];
  /** Plugins to install beside it (the first-party plugins it requires are added anyway). */
  alongside?: () => AnyPluginManifest[];
  /** Environment variables to boot with, e.g. the plugin's settings. */
  env?: Record<string, unknown>;
  /** Tables of the plugin with a `tenant_id` that row-level security does not guard, and why. */
  rlsExempt?: Record<string, string>;
}

interface Suite {
  t: TestAtoll;
  api: ApiDocument;
  ops: Operation[];
  a: World;
  b: World;
  /** A platform administrator (in no tenant), for the operator routes owners and keys may not call. */
  operator: TestUser;
}

/**
 * Registers the conformance suite of the plugin `plugin` makes (call it at the top level of a test
 * file). It boots the plugin, seeds tenants A and B with its resources, and checks every operation
 * it adds: 401 without credentials; 404 for a non-member naming a tenant and for another tenant's
 * resources; 403 for a viewer's writes; 400 problem+json for a malformed body; a documented,
 * conventional operation id; forced row-level security on its tables with a `tenant_id`.
 *
 * @example
 * import { runConformanceSuite } from 'atoll/plugin/testing';
 * import { polygonsPlugin } from '../src';
 *
 * runConformanceSuite(() => polygonsPlugin(), {
 *   resources: {
 *     polygonId: async ({ as }) => (await (await as.post('/api/v1/polygons', { name: 'a', geometry })).json()).id,
 *   },
 * });
 */
export function runConformanceSuite(plugin: () => AnyPluginManifest, options: ConformanceOptions = {}): void {
  const pluginId = plugin().id;
  const resources = options.resources ?? {};
  const viewerMay = options.viewerMay ?? [];
  let s: Suite;
  const requestIn = (op: Operation, w: World) => exampleRequest(s.api, op, w);
  const sendAs = async (req: ApiRequest, bearer: string | null, tenant?: string): Promise<Answer> => {
    const headers: Record<string, string> = { ...req.headers };
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    if (tenant) headers['x-tenant-id'] = tenant;
    return answerOf(await send(s.t.app, req.url, { method: req.method, headers, ...(req.body === undefined ? {} : { body: req.body }) }, s.t.env as Env));
  };
  const ownedSlots = (op: Operation) => pathSlots(op.path).filter((slot) => isOwned(s.a, slotKey(s.a, slot)));
  const namesTenantThings = (op: Operation) => ownedSlots(op).length > 0 || op.params.some((p) => p.in === 'query' && queryKey(s.a, op, p.name));
  /**
   * The owner's answer in their own tenant; where the route refuses users, the all-scopes key's;
   * where it refuses both (operator routes), a platform administrator's.
   */
  const asOwnerOrKey = async (req: ApiRequest, w: World) => {
    let answer = await sendAs(req, w.owner.token, w.tenant.id);
    if (refusedByKind(answer)) answer = await sendAs(req, w.key.secret);
    if (refusedByKind(answer)) answer = await sendAs(req, s.operator.token, w.tenant.id);
    return answer;
  };

  describe(`conformance of the ${pluginId} plugin`, () => {
    beforeAll(async () => {
      const t = await startTestAtoll({ plugins: [plugin(), ...(options.alongside?.() ?? [])], env: options.env });
      const api = await loadApiDocument(t.app);
      const [a, b] = await Promise.all([newWorld(t, resources, `${pluginId}-a`), newWorld(t, resources, `${pluginId}-b`)]);
      s = { t, api, ops: operationsOf(t.app, api, pluginId), a, b, operator: await t.seedUser('operator', { platformAdmin: true }) };
      const unknown = s.ops.flatMap((op) =>
        pathSlots(op.path)
          .filter((slot) => !knows(a, slotKey(a, slot)))
          .map((slot) => `${labelOf(op)}: ${slot.name}`),
      );
      if (unknown.length > 0) throw new Error(`add to the suite's resources how to make:\n${unknown.join('\n')}`);
      const keys = [...new Set(s.ops.flatMap((op) => neededKeys(a, op)))];
      await Promise.all([makeAll(a, keys), makeAll(b, keys)]);
    }, 300_000);

    it('documents every route with a conventional operation id (<plugin>.<verbNoun>)', () => {
      const routes = s.t.app.registry.plugins.find((p) => p.manifest.id === pluginId)!.routes;
      expect(s.ops.map((op) => op.id).sort(), 'every route is an operation of the OpenAPI document').toEqual(routes.map((r) => r.route.operationId).sort());
      const unconventional = s.ops.filter((op) => !CONVENTIONAL_ID(pluginId).test(op.id)).map(labelOf);
      expect(unconventional, `operation ids must be "${pluginId}.<verbNoun>"`).toEqual([]);
    });

    it('marks as public exactly the reviewed operations', () => {
      expect(
        s.ops
          .filter((op) => op.public)
          .map((op) => op.id)
          .sort(),
      ).toEqual([...(options.public ?? [])].sort());
    });

    it('answers 401 problem+json to every non-public operation without credentials or with a forged token', async () => {
      await checkResponses(
        s.ops.filter((op) => !op.public),
        async (op, failures) => {
          const req = await requestIn(op, s.a);
          check(failures, `${labelOf(op)} without credentials`, await sendAs(req, null, s.a.tenant.id), [401]);
          check(failures, `${labelOf(op)} with a forged token`, await sendAs(req, `${s.a.owner.token.slice(0, -4)}AAAA`, s.a.tenant.id), [401]);
        },
      );
    }, 120_000);

    it('answers 404 to a member of tenant B naming tenant A in x-tenant-id, on every tenant-scoped operation', async () => {
      await checkResponses(
        s.ops.filter((op) => op.tenantScoped && !op.public),
        async (op, failures) => {
          const answer = await sendAs(await requestIn(op, s.a), s.b.owner.token, s.a.tenant.id);
          check(failures, labelOf(op), answer, [404]);
          if (answer.status === 404 && answer.body?.code !== 'KERNEL_TENANT_NOT_FOUND') failures.push(`${labelOf(op)}: code ${answer.body?.code}, not KERNEL_TENANT_NOT_FOUND`);
        },
      );
    }, 120_000);

    it("answers 404 to tenant B's owner and API key using tenant A's resources", async () => {
      await checkResponses(
        s.ops.filter((op) => !op.public && namesTenantThings(op)),
        async (op, failures) => {
          const req = await requestIn(op, s.a);
          const answers = [
            ['owner', await sendAs(req, s.b.owner.token, s.b.tenant.id)],
            ['API key', await sendAs(req, s.b.key.secret)],
          ] as const;
          // A caller of the wrong kind (a user on a runners' route, a key on an account route) is refused
          // before any lookup; the other one must then get the 404.
          for (const [who, answer] of answers) if (!refusedByKind(answer)) check(failures, `${labelOf(op)} as B's ${who}`, answer, [404]);
          if (!answers.some(([, answer]) => answer.status === 404)) failures.push(`${labelOf(op)}: neither of B's callers got 404: ${answers.map(([, x]) => describeAnswer(x)).join(' | ')}`);
        },
      );
    }, 120_000);

    it("answers 404 to tenant B naming tenant A's child under B's own parent", async () => {
      await checkResponses(
        s.ops.filter((op) => !op.public && ownedSlots(op).length > 1),
        async (op, failures) => {
          const [ours, theirs] = await Promise.all([pathValues(op, s.b), pathValues(op, s.a)]);
          const query = (await requestIn(op, s.b)).url.replace(/^[^?]*/, '');
          for (const child of ownedSlots(op).slice(1)) {
            const url = fillPath(op.path, { ...ours, [child.name]: theirs[child.name]! }) + query;
            const answers = [await sendAs({ ...(await requestIn(op, s.b)), url }, s.b.owner.token, s.b.tenant.id), await sendAs({ ...(await requestIn(op, s.b)), url }, s.b.key.secret)];
            const relevant = answers.filter((x) => !refusedByKind(x));
            if (relevant.length === 0) failures.push(`${labelOf(op)} with A's ${child.name}: both callers refused by kind`);
            for (const answer of relevant) check(failures, `${labelOf(op)} with A's ${child.name}`, answer, [404]);
          }
        },
      );
    }, 120_000);

    it("answers 403 to a viewer's writes (every non-GET operation but the reviewed ones)", async () => {
      await checkResponses(
        s.ops.filter((op) => !op.public && op.method !== 'GET'),
        async (op, failures) => {
          const answer = await sendAs(await requestIn(op, s.a), s.a.viewer.token, s.a.tenant.id);
          if (!viewerMay.includes(op.id)) check(failures, labelOf(op), answer, [403]);
          else if (answer.status === 403 || answer.status >= 500) failures.push(`${labelOf(op)} is reviewed as open to viewers, got ${describeAnswer(answer)}`);
        },
      );
    }, 120_000);

    it('answers 400 problem+json to a malformed or mistyped JSON body', async () => {
      await checkResponses(
        s.ops.filter((op) => op.body?.contentType === 'application/json'),
        async (op, failures) => {
          const typed = s.api.resolve(op.body!.schema).type === 'array' ? '{}' : '[]';
          for (const [what, body] of [
            ['malformed JSON', '{"'],
            ['a JSON value of the wrong type', typed],
          ] as const) {
            const answer = await asOwnerOrKey({ ...(await requestIn(op, s.a)), body }, s.a);
            check(failures, `${labelOf(op)} with ${what}`, answer, [400]);
          }
        },
      );
    }, 120_000);

    // The control for the 404s above: the same requests in the resources' own tenant are not refused,
    // so the 404s come from the tenant wall, not from ids that were never real or a malformed request.
    // Each operation gets a fresh tenant, since some of these requests delete what they name.
    it('serves the same requests to the owner (or API key) of the tenant the resources belong to', async () => {
      await checkResponses(
        s.ops.filter((op) => !op.public && namesTenantThings(op)),
        async (op, failures) => {
          const w = await newWorld(s.t, resources, 'control');
          const answer = await asOwnerOrKey(await requestIn(op, w), w);
          if ([401, 403, 404].includes(answer.status) || answer.status >= 500) failures.push(`${labelOf(op)} in its own tenant: ${describeAnswer(answer)}`);
        },
      );
    }, 240_000);

    it('has row-level security enabled and forced, with a policy, on each of its tables with a tenant_id', async () => {
      const tables = (await tenantTables(s.t.app.config.database)).filter((table) => ownedByPlugin(table.name, pluginId));
      const gaps = tables.filter((table) => !(table.name in (options.rlsExempt ?? {}))).flatMap((table) => rlsGaps(table).map((gap) => `${table.name}: ${gap}`));
      expect(gaps, `tables with a tenant_id that row-level security does not guard:\n${gaps.join('\n')}`).toEqual([]);
      for (const name of Object.keys(options.rlsExempt ?? {}))
        expect(
          tables.map((table) => table.name),
          `${name} is exempt but is not a tenant table of ${pluginId}`,
        ).toContain(name);
    });
  });
}
