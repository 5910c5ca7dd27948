import type { RouteConfig, RouteHandler } from '@hono/zod-openapi';
import type { RouteAccess } from '../access/types';
import type { RouteRateLimit } from '../http/rate-limit';
import type { AppContext, AppEnv, PageDefinition, PluginConfigSchema, PluginManifest, RouteDefinition } from './types';

/**
 * Declares a plugin: a factory from options to a manifest that the host validates at boot.
 *
 * @example
 * export const helloPlugin = definePlugin((options: { greeting?: string } = {}) => ({
 *   id: 'hello',
 *   version: '1.0.0',
 *   host: '^0.1.0',
 *   routes: () => [defineRoute(helloRoute, (c) => c.json({ greeting: options.greeting ?? 'hi' }, 200))],
 * }));
 */
export function definePlugin<Options extends unknown[], S extends PluginConfigSchema | undefined = undefined>(
  factory: (...options: Options) => PluginManifest<S>,
): (...options: Options) => PluginManifest<S> {
  return factory;
}

/**
 * Pairs an OpenAPI route (path relative to `/api/v1`) with its handler; the handler's
 * `c.req.valid(...)` is typed from the route's schemas.
 *
 * @example
 * defineRoute(
 *   getRoute,
 *   async (c) => c.json(presentProject(await getProject({ ctx: { db: getDb(c) }, input: { tenantId: getTenant(c).id, projectId: c.req.valid('param').id } })), 200),
 *   { access: { tenantRole: 'viewer', scopes: ['projects:read'] } },
 * );
 */
export function defineRoute<R extends RouteConfig>(
  route: R,
  handler: RouteHandler<R, AppEnv>,
  options: { bodyLimitBytes?: number; access?: RouteAccess; mountAtRoot?: boolean; rateLimit?: RouteRateLimit | false } = {},
): RouteDefinition {
  return { route, handler: handler as unknown as (c: AppContext) => Promise<Response>, ...options };
}

/**
 * Declares a page or partial under `/app`.
 *
 * @example
 * definePage({ path: '/projects', title: 'Projects', nav: { label: 'Projects', order: 20 }, access: { tenantRole: 'viewer' }, render: ProjectsPage });
 */
export const definePage = (page: PageDefinition): PageDefinition => page;
