// The security set of every operation the app documents is checked per plugin by the conformance
// suite (conformance-accounts.test.ts, conformance-data.test.ts: 401 without credentials, 404 for a
// non-member and for another tenant's resources, 403 for a viewer's writes, 400 for a bad body). This
// file checks the whole app's surface, so none slips past those suites: every operation belongs to a
// plugin they run (or is the kernel's health check), every path parameter has a maker in
// api-world.ts, and the public operations are exactly the reviewed ones.
import { describe, expect, it } from 'vitest';
import { routeKey } from '../../worker/plugin/testing/conformance-checks';
import { installedPlugins } from '../../worker/plugins';
import { labelOf, loadApiDocument, pathSlots } from './api-operations';
import { knows } from './api-world';
import { ACCOUNT_PLUGINS, DATA_PLUGINS } from './first-party-conformance';
import { bootApp } from './harness';
import { authTestEnv } from './identity';

const atoll = await bootApp(installedPlugins(), await authTestEnv());
const operations = (await loadApiDocument(atoll)).operations;

// The operations the document marks public, reviewed: making another one public must change this
// list (and the plugin's `public` in first-party-conformance.ts) in the same commit.
const PUBLIC = ['auth.getJwks', 'auth.login', 'auth.refreshTokens', 'auth.registerUser', 'health.live', 'health.ready', 'realtime.connect', 'system.getInfo'];
// The kernel's own operations: public health checks, outside every plugin.
const KERNEL = ['health.live', 'health.ready'];

describe('the API surface (from the live OpenAPI document)', () => {
  it('knows how to make a real value for every path parameter of every operation', () => {
    const unknown = operations.flatMap((op) =>
      pathSlots(op.path)
        .filter((s) => !knows(s.key))
        .map((s) => `${labelOf(op)}: ${s.key}`),
    );
    expect(unknown, `add these to RESOURCES in test/worker/api-world.ts:\n${unknown.join('\n')}`).toEqual([]);
    expect(operations.length).toBeGreaterThan(90);
  });

  it('marks as public exactly the reviewed operations', () => {
    expect(
      operations
        .filter((op) => op.public)
        .map((op) => op.id)
        .sort(),
    ).toEqual(PUBLIC);
  });

  it('has every operation served by a plugin whose conformance suite runs, or by the kernel', () => {
    const covered = new Set([...ACCOUNT_PLUGINS, ...DATA_PLUGINS]);
    const owner = new Map(atoll.registry.plugins.flatMap((p) => p.routes.map((r) => [routeKey(r), p.manifest.id])));
    const uncovered = operations.filter((op) => !KERNEL.includes(op.id) && !covered.has(owner.get(`${op.method} ${op.path}`) ?? '')).map(labelOf);
    expect(uncovered, 'operations no conformance suite checks').toEqual([]);
    expect(
      operations
        .filter((op) => KERNEL.includes(op.id))
        .map((op) => op.id)
        .sort(),
    ).toEqual(KERNEL);
  });
});
