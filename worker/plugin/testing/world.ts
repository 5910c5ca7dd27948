// A tenant with one of every resource the routes under test address, made on demand. A plugin's
// tests say how to make the resource behind each path parameter (`Resources`); the conformance
// suite makes them in two tenants and crosses them. Keys are a parameter's name (`polygonId`) or,
// where one name means different things on different routes, the collection before it too
// (`projects/{id}`). Query parameters and body properties that must name something real have keys
// of their own: `folders?{path}` (one route's query), `query/{path}` (any query), `body/{email}`.
import type { AtollApp } from '../../app';
import type { TestCaller } from './caller';
import { seedApiKey, seedTeam, type TestTeam } from './seed';
import type { TestAtoll } from './start';
import type { TestApiKey, TestTenant } from './tenant';
import type { TestUser } from './user';

/**
 * What a resource maker gets: the app, the tenant it makes the resource in, and who can act there.
 *
 * @example
 * const noteId = async ({ as, resource }: ResourceContext) => {
 *   const polygonId = await resource('polygonId');
 *   return (await (await as.post(`/api/v1/polygons/${polygonId}/notes`, { text: 'hi' })).json()).id;
 * };
 */
export interface ResourceContext {
  t: TestAtoll;
  tenantId: string;
  team: TestTeam;
  /** A member of the tenant (`x-tenant-id` set). */
  as: TestCaller;
  /** The tenant's owner (`x-tenant-id` set), for resources a member may not make. */
  asOwner: TestCaller;
  /** An API key of the tenant with every scope the app's routes use, at role admin. */
  key: TestApiKey;
  /** Another resource of the same tenant, made once (e.g. the parent of this one). */
  resource(key: string): Promise<string>;
}

/**
 * Makes a resource in a tenant and returns the value of its parameter (usually its id). Throw when
 * it cannot (`expectJson` style), so the suite says which resource failed.
 *
 * @example
 * const polygonId: ResourceMaker = async ({ as }) => (await (await as.post('/api/v1/polygons', body)).json()).id;
 */
export type ResourceMaker = (ctx: ResourceContext) => Promise<string>;

/**
 * How to make the resource behind each parameter key (see the file's header for the keys). A maker alone names a tenant's thing; `owned:
 * false` marks a value that names none (a fixed tool name), which the cross-tenant checks skip.
 *
 * @example
 * const resources: Resources = {
 *   polygonId: async ({ as }) => (await (await as.post('/api/v1/polygons', body)).json()).id,
 *   'tools/{name}': { owned: false, make: async () => 'polygons_area' },
 * };
 */
export type Resources = Record<string, ResourceMaker | { make: ResourceMaker; owned: boolean }>;

export interface World {
  t: TestAtoll;
  atoll: AtollApp;
  tenant: TestTenant;
  team: TestTeam;
  owner: TestUser;
  admin: TestUser;
  member: TestUser;
  viewer: TestUser;
  key: TestApiKey;
  resources: Resources;
  /** Resources made so far, by key. */
  made: Map<string, Promise<string>>;
}

/** Every scope some route of `atoll` asks API keys for. */
export const allScopes = (atoll: AtollApp) => [...new Set(atoll.registry.plugins.flatMap((p) => p.routes.flatMap((r) => (r.access && r.access !== 'public' ? (r.access.scopes ?? []) : []))))];

/** A new seeded tenant (owner, admin, member, viewer and an all-scopes key), its resources made when first asked for. */
export async function newWorld(t: TestAtoll, resources: Resources, label = 'world'): Promise<World> {
  const team = await seedTeam(t.app, label);
  const key = await seedApiKey(t.app, { tenantId: team.tenant.id, scopes: allScopes(t.app), role: 'admin', createdBy: team.owner.userId });
  return { t, atoll: t.app, tenant: team.tenant, team, owner: team.owner, admin: team.admin, member: team.member, viewer: team.viewer, key, resources, made: new Map() };
}

const makerOf = (w: World, key: string): ResourceMaker | undefined => {
  const entry = w.resources[key];
  return typeof entry === 'function' ? entry : entry?.make;
};

export const knows = (w: World, key: string) => key in w.resources;
export const isOwned = (w: World, key: string) => {
  const entry = w.resources[key];
  return typeof entry === 'function' || entry?.owned !== false;
};

/** The key that fills a path slot: `collection/{name}` when registered, else the bare `name`. */
export const slotKey = (w: World, slot: { name: string; key: string }) => (knows(w, slot.key) || !knows(w, slot.name) ? slot.key : slot.name);

/** The value of resource `key` in `w`, made once. */
export function resource(w: World, key: string): Promise<string> {
  const make = makerOf(w, key);
  if (!make) throw new Error(`no way to make a resource for ${key}: add it to the suite's resources`);
  let made = w.made.get(key);
  if (!made) {
    const ctx: ResourceContext = {
      t: w.t,
      tenantId: w.tenant.id,
      team: w.team,
      as: w.t.as(w.member, w.tenant.id),
      asOwner: w.t.as(w.owner, w.tenant.id),
      key: w.key,
      resource: (other) => resource(w, other),
    };
    made = make(ctx);
    w.made.set(key, made);
  }
  return made;
}

/** Makes the resources behind `keys` in `w` (so a test that breaks one cannot break the making of another). */
export const makeAll = async (w: World, keys: readonly string[] = Object.keys(w.resources)) => void (await Promise.all(keys.map((key) => resource(w, key))));

/**
 * The JSON body of `res` when its status is `status`; otherwise throws with the body, so a resource
 * that could not be made says why.
 */
export async function expectJson(res: Response, status: number): Promise<any> {
  const text = await res.text();
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${text.slice(0, 500)}`);
  return text ? JSON.parse(text) : undefined;
}
