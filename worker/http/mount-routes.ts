import type { OpenAPIHono, RouteConfig } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { accessControl } from '../access/access-control';
import type { AccessRegistry } from '../access/access-registry';
import { describeOperation } from '../access/describe-access';
import type { RouteAccess } from '../access/types';
import type { LoadedPlugin } from '../plugin/registry';
import type { AppEnv } from '../plugin/types';
import { limitBody } from './body-limit';
import { DEFAULT_SECURITY, TENANT_PARAMETER_REF } from './openapi-components';
import { DEFAULT_PROBLEM_STATUSES, problemResponses } from './problem-schema';
import type { RouteRateLimits } from './rate-limit';

export const API_PREFIX = '/api/v1';

/** Where a plugin route is served: under `/api/v1`, or as given when mounted at the root. */
export const routePath = (path: string, mountAtRoot?: boolean) => (mountAtRoot ? path : `${API_PREFIX}${path}`);

/** Every operation documents the kernel's problem responses (and 401/403 unless public). */
function withDefaultProblems(responses: RouteConfig['responses'], access: RouteAccess): RouteConfig['responses'] {
  const statuses: number[] = [...DEFAULT_PROBLEM_STATUSES, ...(access === 'public' ? [] : [401, 403])];
  return { ...problemResponses(...statuses), ...responses };
}

/**
 * Mounts each plugin's OpenAPI routes under `/api/v1`: tagged, documented, body-limited,
 * access-checked, and rate-limited (writes by default; see `RouteRateLimits`).
 */
export function mountPluginRoutes(app: OpenAPIHono<AppEnv>, plugins: readonly LoadedPlugin[], defaultBodyLimit: number, access: AccessRegistry, rateLimits: RouteRateLimits) {
  for (const { manifest, routes } of plugins) {
    for (const { route, handler, bodyLimitBytes, access: declared, mountAtRoot, rateLimit: rate } of routes) {
      const rule = declared ?? {};
      const own = route.middleware === undefined ? [] : Array.isArray(route.middleware) ? route.middleware : [route.middleware];
      const tenantScoped = rule !== 'public' && rule.tenantRole !== undefined;
      const limited = rateLimits.for(manifest.id, route.method, rate, rule === 'public');
      app.openapi(
        {
          ...route,
          path: routePath(route.path, mountAtRoot),
          tags: route.tags ?? [manifest.id],
          description: describeOperation(route.description, rule),
          responses: withDefaultProblems(route.responses, rule),
          security: rule === 'public' ? [] : (route.security ?? DEFAULT_SECURITY),
          ...(tenantScoped ? { parameters: [...((route.parameters ?? []) as never[]), TENANT_PARAMETER_REF] as never } : {}),
          middleware: [limitBody(bodyLimitBytes ?? defaultBodyLimit), accessControl(rule, access), ...(limited ? [limited] : []), ...own] as MiddlewareHandler[],
        },
        handler as never,
      );
    }
  }
}
