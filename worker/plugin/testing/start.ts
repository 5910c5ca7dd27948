// `startTestAtoll`: an app booted as the Worker entry boots it, with seeding and request helpers.
import type { TenantRole } from '../../access/types';
import { type AtollApp, createApp } from '../../app';
import type { Env } from '../../env';
import { installedPlugins } from '../../plugins';
import type { AnyPluginManifest } from '../types';
import { callerOf, type TestCaller, type TestIdentity } from './caller';
import { authTestEnv, testEnv } from './env';
import { seedApiKey, seedMember, seedTeam, seedUser, type TestTeam } from './seed';
import { send } from './send';
import type { SeedApiKeyInput, TestApiKey } from './tenant';
import type { TestUser } from './user';

/**
 * What `startTestAtoll` boots.
 *
 * @example
 * const options: StartTestAtollOptions = { plugins: [polygonsPlugin()], env: { LOG_LEVEL: 'debug' } };
 * const t = await startTestAtoll(options);
 */
export interface StartTestAtollOptions {
  /** The plugins under test; the first-party plugins they require (and auth and tenants) are added. */
  plugins: readonly AnyPluginManifest[];
  /** Environment variables (or bindings) to set or replace, e.g. a plugin's settings. */
  env?: Record<string, unknown>;
}

/**
 * A booted app against the pool's real Postgres and S3, with seeding and request helpers.
 *
 * @example
 * const t: TestAtoll = await startTestAtoll({ plugins: [polygonsPlugin()] });
 * const team = await t.seedTeam();
 * const res = await t.as(team.member, team.tenant.id).post('/api/v1/polygons', { name: 'field' });
 * expect(res.status).toBe(201);
 */
export interface TestAtoll {
  /** The booted app (`app.app.fetch`, its registry and config). */
  readonly app: AtollApp;
  /** The bindings and variables requests are served with (the pool's, with the overrides given). */
  readonly env: Readonly<Record<string, unknown>>;
  /** Sends a request with a real execution context and waits for its `waitUntil` work. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** A new signed-in account (written to the database, with a real access token); a platform administrator if asked. */
  seedUser(label?: string, options?: { platformAdmin?: boolean }): Promise<TestUser>;
  /** A new tenant with an owner, an admin, a member and a viewer. */
  seedTeam(label?: string): Promise<TestTeam>;
  /** A new user with `role` in `tenantId`. */
  seedMember(tenantId: string, role: TenantRole): Promise<TestUser>;
  /** A new API key of `tenantId` with `scopes` (role member unless given). */
  seedApiKey(tenantId: string, options: Omit<SeedApiKeyInput, 'tenantId'>): Promise<TestApiKey>;
  /** Request helpers as `who` (a user, `{ apiKey }`, or `null` for nobody), with `x-tenant-id: tenantId` when given. */
  as(who: TestIdentity, tenantId?: string): TestCaller;
}

/** `plugins` plus every first-party plugin they need, auth and tenants always among them. */
export function withRequiredPlugins(plugins: readonly AnyPluginManifest[]): AnyPluginManifest[] {
  const firstParty = new Map(installedPlugins().map((p) => [p.id, p]));
  const chosen = new Map(plugins.map((p) => [p.id, p]));
  const wanted = ['auth', 'tenants', ...plugins.flatMap((p) => p.requires ?? [])];
  while (wanted.length > 0) {
    const id = wanted.pop()!;
    const plugin = firstParty.get(id);
    if (chosen.has(id) || !plugin) continue;
    chosen.set(id, plugin);
    wanted.push(...(plugin.requires ?? []));
  }
  return [...chosen.values()];
}

/** Wraps a booted app in the `TestAtoll` helpers. */
export function testAtollOf(app: AtollApp, env: Env = testEnv()): TestAtoll {
  return {
    app,
    env,
    fetch: (path, init) => send(app, path, init, env),
    seedUser: (label, options) => seedUser(app, { name: label ?? 'user', ...options }),
    seedTeam: (label) => seedTeam(app, label),
    seedMember: (tenantId, role) => seedMember(app, tenantId, role),
    seedApiKey: (tenantId, options) => seedApiKey(app, { ...options, tenantId }),
    as: (who, tenantId) => callerOf(app, env, who, tenantId),
  };
}

/**
 * Boots Atoll with `plugins` (and the first-party plugins they require, auth and tenants always)
 * exactly as the Worker entry does, against the real Postgres (every migration applied) and S3 of
 * the vitest Workers pool. Call it once per test file, at the top level or in `beforeAll`.
 *
 * @example
 * import { startTestAtoll } from 'atoll/plugin/testing';
 *
 * const t = await startTestAtoll({ plugins: [polygonsPlugin()] });
 *
 * it('lists the tenant's polygons', async () => {
 *   const team = await t.seedTeam();
 *   const res = await t.as(team.viewer, team.tenant.id).get('/api/v1/polygons');
 *   expect(res.status).toBe(200);
 * });
 */
export async function startTestAtoll(options: StartTestAtollOptions): Promise<TestAtoll> {
  const env = testEnv({ ...(await authTestEnv()), ...options.env });
  return testAtollOf(await createApp(env, withRequiredPlugins(options.plugins)), env);
}
