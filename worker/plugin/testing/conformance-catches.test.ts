// The conformance suite is the feature here, so this shows it fails when a plugin breaks its rules:
// the leaky fixture breaks four of them (one route each) and must fail exactly those four, each
// failure naming the route that broke it, while the projects plugin passes every rule.
import { beforeAll, describe, expect, it } from 'vitest';
import { LEAKY_RESOURCES, leakyPlugin } from '../../../test/fixtures/leaky-plugin';
import { RESOURCES } from '../../../test/worker/api-world';
import { installedPlugins } from '../../plugins';
import { CONFORMANCE_RULES } from './conformance-rules';
import { type ConformanceWorld, startConformanceWorld } from './conformance-world';

/** Each rule's failure message over `s` (null where it passed), by the rule's name. */
async function outcomes(s: ConformanceWorld): Promise<Record<string, string | null>> {
  const result: Record<string, string | null> = {};
  for (const rule of CONFORMANCE_RULES) {
    try {
      await rule.run(s);
      result[rule.name] = null;
    } catch (error) {
      result[rule.name] = (error as Error).message;
    }
  }
  return result;
}

const ruleNamed = (start: string) => {
  const rule = CONFORMANCE_RULES.find((r) => r.name.startsWith(start));
  if (!rule) throw new Error(`no conformance rule starting "${start}"`);
  return rule.name;
};

const DOCUMENTED = ruleNamed('documents every route');
const CROSS_TENANT = ruleNamed("answers 404 to tenant B's owner and API key");
const VIEWER = ruleNamed("answers 403 to a viewer's writes");
const BODY = ruleNamed('answers 400 problem+json');
const RLS = ruleNamed('has row-level security');

describe('the conformance suite on a plugin that breaks its rules', () => {
  let leaky: ConformanceWorld;
  let results: Record<string, string | null>;
  beforeAll(async () => {
    leaky = await startConformanceWorld(() => leakyPlugin(), { resources: LEAKY_RESOURCES });
    results = await outcomes(leaky);
  }, 300_000);

  it('fails exactly the rules the fixture breaks', () => {
    const failed = Object.keys(results).filter((name) => results[name] !== null);
    expect(failed.sort(), JSON.stringify(results, null, 2)).toEqual([DOCUMENTED, CROSS_TENANT, VIEWER, BODY].sort());
  });

  it('names the undocumented route', () => {
    expect(results[DOCUMENTED]).toContain('leaky.hiddenRoute');
  });

  it("names the route that serves another tenant's note, as both of B's callers", () => {
    const message = results[CROSS_TENANT]!;
    expect(message).toContain("leaky.getNote (GET /api/v1/leaky/notes/{noteId}) as B's owner: expected 404, got 200");
    expect(message).toContain("leaky.getNote (GET /api/v1/leaky/notes/{noteId}) as B's API key: expected 404, got 200");
    expect(message).not.toContain('leaky.pinNote');
  });

  it('names the write a viewer may make, and only it', () => {
    const message = results[VIEWER]!;
    expect(message).toContain('leaky.pinNote (POST /api/v1/leaky/notes/{noteId}/pin): expected 403, got 200');
    expect(message).not.toContain('leaky.createNote');
    expect(message).not.toContain('leaky.echoValue');
  });

  it('names the route that takes a JSON body of the wrong type, and only it', () => {
    const message = results[BODY]!;
    expect(message).toContain('leaky.echoValue (POST /api/v1/leaky/echo) with a JSON value of the wrong type: expected 400, got 200');
    expect(message).not.toContain('leaky.createNote');
  });

  // A real table without forced RLS would fail rls-catalog.test.ts, which reads the same shared
  // database, so the catalog is read for real and one unguarded table of the plugin added to it.
  it('names a tenant table of the plugin whose row-level security is not forced', async () => {
    const unforced = { name: 'public.leaky_notes', enabled: true, forced: false, policies: 1, grantees: [] };
    const run = CONFORMANCE_RULES.find((r) => r.name === RLS)!.run({ ...leaky, tenantTables: async () => [...(await leaky.tenantTables()), unforced] });
    await expect(run).rejects.toThrow('public.leaky_notes: RLS not forced');
  });
});

describe('the conformance suite on a plugin that keeps its rules', () => {
  it('passes every rule for the projects plugin', async () => {
    // Booted as test/worker/first-party-conformance.ts boots it: the shared resources span plugins.
    const projects = await startConformanceWorld(() => installedPlugins().find((p) => p.id === 'projects')!, {
      resources: RESOURCES,
      alongside: () => installedPlugins().filter((p) => p.id !== 'projects'),
    });
    expect(projects.ops.length, 'the projects plugin has operations to check').toBeGreaterThan(0);
    expect(await outcomes(projects)).toEqual(Object.fromEntries(CONFORMANCE_RULES.map((rule) => [rule.name, null])));
  }, 300_000);
});
