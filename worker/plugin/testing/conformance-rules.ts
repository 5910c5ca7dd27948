// The rules of the conformance suite, each a named async check over a started world that throws an
// assertion error listing every operation that breaks it. `runConformanceSuite` wraps each in `it`;
// conformance-catches.test.ts runs them against a plugin built to break them, to show they fail.
import { expect } from 'vitest';
import { fillPath, labelOf } from './api-document';
import { CONVENTIONAL_ID, check, checkResponses, refusedByKind } from './conformance-checks';
import { asOwnerOrKey, type ConformanceWorld, namesTenantThings, ownedSlots, requestIn, sendAs } from './conformance-world';
import { pathValues } from './examples';
import { describeAnswer } from './problem';
import { ownedByPlugin, rlsGaps } from './rls';
import { newWorld } from './world';

export interface ConformanceRule {
  /** The test's name. */
  name: string;
  /** The test's timeout in milliseconds (vitest's default when absent). */
  timeoutMs?: number;
  run(s: ConformanceWorld): Promise<void>;
}

export const CONFORMANCE_RULES: readonly ConformanceRule[] = [
  {
    name: 'documents every route with a conventional operation id (<plugin>.<verbNoun>)',
    run: async (s) => {
      const routes = s.t.app.registry.plugins.find((p) => p.manifest.id === s.pluginId)!.routes;
      const documented = s.ops.map((op) => op.id).sort();
      const declared = routes.map((r) => r.route.operationId).sort();
      // Named in the message, since vitest shortens the arrays of a failed comparison.
      const undocumented = declared.filter((id) => !s.ops.some((op) => op.id === id));
      expect(documented, `every route is an operation of the OpenAPI document; missing: ${undocumented.join(', ')}`).toEqual(declared);
      const unconventional = s.ops.filter((op) => !CONVENTIONAL_ID(s.pluginId).test(op.id)).map(labelOf);
      expect(unconventional, `operation ids must be "${s.pluginId}.<verbNoun>": ${unconventional.join(', ')}`).toEqual([]);
    },
  },
  {
    name: 'marks as public exactly the reviewed operations',
    run: async (s) => {
      expect(
        s.ops
          .filter((op) => op.public)
          .map((op) => op.id)
          .sort(),
      ).toEqual([...(s.options.public ?? [])].sort());
    },
  },
  {
    name: 'answers 401 problem+json to every non-public operation without credentials or with a forged token',
    timeoutMs: 120_000,
    run: (s) =>
      checkResponses(
        s.ops.filter((op) => !op.public),
        async (op, failures) => {
          const req = await requestIn(s, op, s.a);
          check(failures, `${labelOf(op)} without credentials`, await sendAs(s, req, null, s.a.tenant.id), [401]);
          check(failures, `${labelOf(op)} with a forged token`, await sendAs(s, req, `${s.a.owner.token.slice(0, -4)}AAAA`, s.a.tenant.id), [401]);
        },
      ),
  },
  {
    name: 'answers 404 to a member of tenant B naming tenant A in x-tenant-id, on every tenant-scoped operation',
    timeoutMs: 120_000,
    run: (s) =>
      checkResponses(
        s.ops.filter((op) => op.tenantScoped && !op.public),
        async (op, failures) => {
          const answer = await sendAs(s, await requestIn(s, op, s.a), s.b.owner.token, s.a.tenant.id);
          check(failures, labelOf(op), answer, [404]);
          if (answer.status === 404 && answer.body?.code !== 'KERNEL_TENANT_NOT_FOUND') failures.push(`${labelOf(op)}: code ${answer.body?.code}, not KERNEL_TENANT_NOT_FOUND`);
        },
      ),
  },
  {
    name: "answers 404 to tenant B's owner and API key using tenant A's resources",
    timeoutMs: 120_000,
    run: (s) =>
      checkResponses(
        s.ops.filter((op) => !op.public && namesTenantThings(s, op)),
        async (op, failures) => {
          const req = await requestIn(s, op, s.a);
          const answers = [
            ['owner', await sendAs(s, req, s.b.owner.token, s.b.tenant.id)],
            ['API key', await sendAs(s, req, s.b.key.secret)],
          ] as const;
          // A caller of the wrong kind (a user on a runners' route, a key on an account route) is refused
          // before any lookup; the other one must then get the 404.
          for (const [who, answer] of answers) if (!refusedByKind(answer)) check(failures, `${labelOf(op)} as B's ${who}`, answer, [404]);
          if (!answers.some(([, answer]) => answer.status === 404)) failures.push(`${labelOf(op)}: neither of B's callers got 404: ${answers.map(([, x]) => describeAnswer(x)).join(' | ')}`);
        },
      ),
  },
  {
    name: "answers 404 to tenant B naming tenant A's child under B's own parent",
    timeoutMs: 120_000,
    run: (s) =>
      checkResponses(
        s.ops.filter((op) => !op.public && ownedSlots(s, op).length > 1),
        async (op, failures) => {
          const [ours, theirs] = await Promise.all([pathValues(op, s.b), pathValues(op, s.a)]);
          const query = (await requestIn(s, op, s.b)).url.replace(/^[^?]*/, '');
          for (const child of ownedSlots(s, op).slice(1)) {
            const url = fillPath(op.path, { ...ours, [child.name]: theirs[child.name]! }) + query;
            const answers = [await sendAs(s, { ...(await requestIn(s, op, s.b)), url }, s.b.owner.token, s.b.tenant.id), await sendAs(s, { ...(await requestIn(s, op, s.b)), url }, s.b.key.secret)];
            const relevant = answers.filter((x) => !refusedByKind(x));
            if (relevant.length === 0) failures.push(`${labelOf(op)} with A's ${child.name}: both callers refused by kind`);
            for (const answer of relevant) check(failures, `${labelOf(op)} with A's ${child.name}`, answer, [404]);
          }
        },
      ),
  },
  {
    name: "answers 403 to a viewer's writes (every non-GET operation but the reviewed ones)",
    timeoutMs: 120_000,
    run: (s) =>
      checkResponses(
        s.ops.filter((op) => !op.public && op.method !== 'GET'),
        async (op, failures) => {
          const answer = await sendAs(s, await requestIn(s, op, s.a), s.a.viewer.token, s.a.tenant.id);
          if (!(s.options.viewerMay ?? []).includes(op.id)) check(failures, labelOf(op), answer, [403]);
          else if (answer.status === 403 || answer.status >= 500) failures.push(`${labelOf(op)} is reviewed as open to viewers, got ${describeAnswer(answer)}`);
        },
      ),
  },
  {
    name: 'answers 400 problem+json to a malformed or mistyped JSON body',
    timeoutMs: 120_000,
    run: (s) =>
      checkResponses(
        s.ops.filter((op) => op.body?.contentType === 'application/json'),
        async (op, failures) => {
          const typed = s.api.resolve(op.body!.schema).type === 'array' ? '{}' : '[]';
          for (const [what, body] of [
            ['malformed JSON', '{"'],
            ['a JSON value of the wrong type', typed],
          ] as const) {
            const answer = await asOwnerOrKey(s, { ...(await requestIn(s, op, s.a)), body }, s.a);
            check(failures, `${labelOf(op)} with ${what}`, answer, [400]);
          }
        },
      ),
  },
  // The control for the 404s above: the same requests in the resources' own tenant are not refused,
  // so the 404s come from the tenant wall, not from ids that were never real or a malformed request.
  // Each operation gets a fresh tenant, since some of these requests delete what they name.
  {
    name: 'serves the same requests to the owner (or API key) of the tenant the resources belong to',
    timeoutMs: 240_000,
    run: (s) =>
      checkResponses(
        s.ops.filter((op) => !op.public && namesTenantThings(s, op)),
        async (op, failures) => {
          const w = await newWorld(s.t, s.options.resources ?? {}, 'control');
          const answer = await asOwnerOrKey(s, await requestIn(s, op, w), w);
          if ([401, 403, 404].includes(answer.status) || answer.status >= 500) failures.push(`${labelOf(op)} in its own tenant: ${describeAnswer(answer)}`);
        },
      ),
  },
  {
    name: 'has row-level security enabled and forced, with a policy, on each of its tables with a tenant_id',
    run: async (s) => {
      const exempt = s.options.rlsExempt ?? {};
      const tables = (await s.tenantTables()).filter((table) => ownedByPlugin(table.name, s.pluginId));
      const gaps = tables.filter((table) => !(table.name in exempt)).flatMap((table) => rlsGaps(table).map((gap) => `${table.name}: ${gap}`));
      expect(gaps, `tables with a tenant_id that row-level security does not guard:\n${gaps.join('\n')}`).toEqual([]);
      for (const name of Object.keys(exempt))
        expect(
          tables.map((table) => table.name),
          `${name} is exempt but is not a tenant table of ${s.pluginId}`,
        ).toContain(name);
    },
  },
];
