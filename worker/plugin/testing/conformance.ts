// `runConformanceSuite`: the security set every plugin's routes must pass, generated from the live
// OpenAPI document so a new route is covered without a test of its own. Two seeded tenants (A and B)
// each get one of every resource the routes address; the suite then crosses them. The rules are in
// conformance-rules.ts, the world they run over in conformance-world.ts.
import { beforeAll, describe, it } from 'vitest';
import type { AnyPluginManifest } from '../types';
import { CONFORMANCE_RULES } from './conformance-rules';
import { type ConformanceWorld, startConformanceWorld } from './conformance-world';
import type { Resources } from './world';

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
  let s: ConformanceWorld;
  describe(`conformance of the ${plugin().id} plugin`, () => {
    beforeAll(async () => {
      s = await startConformanceWorld(plugin, options);
    }, 300_000);
    for (const rule of CONFORMANCE_RULES) it(rule.name, () => rule.run(s), rule.timeoutMs);
  });
}
