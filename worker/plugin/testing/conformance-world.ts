// The started world the conformance rules run over: the plugin booted beside the others, its
// documented operations, and tenants A and B seeded with one of every resource those operations
// address. Kept apart from the rules so a test can run them against a plugin built to break them.
import type { Env } from '../../env';
import type { AnyPluginManifest } from '../types';
import { type ApiDocument, labelOf, loadApiDocument, type Operation, pathSlots } from './api-document';
import type { ConformanceOptions } from './conformance';
import { neededKeys, operationsOf, refusedByKind } from './conformance-checks';
import { type ApiRequest, exampleRequest, queryKey } from './examples';
import { type Answer, answerOf } from './problem';
import { type TenantTable, tenantTables } from './rls';
import { send } from './send';
import { startTestAtoll, type TestAtoll } from './start';
import type { TestUser } from './user';
import { isOwned, knows, makeAll, newWorld, slotKey, type World } from './world';

export interface ConformanceWorld {
  pluginId: string;
  options: ConformanceOptions;
  t: TestAtoll;
  api: ApiDocument;
  ops: Operation[];
  a: World;
  b: World;
  /** A platform administrator (in no tenant), for the operator routes owners and keys may not call. */
  operator: TestUser;
  /** The database's tables with a `tenant_id`, read from the catalog when the rule runs. */
  tenantTables(): Promise<TenantTable[]>;
}

/** Boots `plugin` (with `options.alongside`), seeds tenants A and B and makes every resource its operations need. */
export async function startConformanceWorld(plugin: () => AnyPluginManifest, options: ConformanceOptions): Promise<ConformanceWorld> {
  const pluginId = plugin().id;
  const resources = options.resources ?? {};
  const t = await startTestAtoll({ plugins: [plugin(), ...(options.alongside?.() ?? [])], env: options.env });
  const api = await loadApiDocument(t.app);
  const [a, b] = await Promise.all([newWorld(t, resources, `${pluginId}-a`), newWorld(t, resources, `${pluginId}-b`)]);
  const ops = operationsOf(t.app, api, pluginId);
  const operator = await t.seedUser('operator', { platformAdmin: true });
  const unknown = ops.flatMap((op) =>
    pathSlots(op.path)
      .filter((slot) => !knows(a, slotKey(a, slot)))
      .map((slot) => `${labelOf(op)}: ${slot.name}`),
  );
  if (unknown.length > 0) throw new Error(`add to the suite's resources how to make:\n${unknown.join('\n')}`);
  const keys = [...new Set(ops.flatMap((op) => neededKeys(a, op)))];
  await Promise.all([makeAll(a, keys), makeAll(b, keys)]);
  return { pluginId, options, t, api, ops, a, b, operator, tenantTables: () => tenantTables(t.app.config.database) };
}

/** A valid request for `op` naming the resources of tenant `w`. */
export const requestIn = (s: ConformanceWorld, op: Operation, w: World) => exampleRequest(s.api, op, w);

/** Sends `req` with `bearer` (none when null) and, if given, `x-tenant-id: tenant`. */
export async function sendAs(s: ConformanceWorld, req: ApiRequest, bearer: string | null, tenant?: string): Promise<Answer> {
  const headers: Record<string, string> = { ...req.headers };
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  if (tenant) headers['x-tenant-id'] = tenant;
  return answerOf(await send(s.t.app, req.url, { method: req.method, headers, ...(req.body === undefined ? {} : { body: req.body }) }, s.t.env as Env));
}

/** The path slots of `op` that name a tenant's things. */
export const ownedSlots = (s: ConformanceWorld, op: Operation) => pathSlots(op.path).filter((slot) => isOwned(s.a, slotKey(s.a, slot)));

/** Whether `op` names a tenant's things in its path or query. */
export const namesTenantThings = (s: ConformanceWorld, op: Operation) => ownedSlots(s, op).length > 0 || op.params.some((p) => p.in === 'query' && queryKey(s.a, op, p.name));

/**
 * The owner's answer in their own tenant; where the route refuses users, the all-scopes key's;
 * where it refuses both (operator routes), a platform administrator's.
 */
export async function asOwnerOrKey(s: ConformanceWorld, req: ApiRequest, w: World): Promise<Answer> {
  let answer = await sendAs(s, req, w.owner.token, w.tenant.id);
  if (refusedByKind(answer)) answer = await sendAs(s, req, w.key.secret);
  if (refusedByKind(answer)) answer = await sendAs(s, req, s.operator.token, w.tenant.id);
  return answer;
}
