import { type OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { accessControl } from '../access/access-control';
import type { AccessRegistry } from '../access/access-registry';
import type { RouteAccess } from '../access/types';
import type { LoadedPlugin } from '../plugin/registry';
import type { AppEnv } from '../plugin/types';
import { limitBody } from './body-limit';
import { rateLimit, type RateLimiterService } from './rate-limit';
import { DEFAULT_PROBLEM_STATUSES, problemResponses } from './problem-schema';

export const API_PREFIX = '/api/v1';

/** Where a plugin route is served: under `/api/v1`, or as given when mounted at the root. */
export const routePath = (path: string, mountAtRoot?: boolean) => (mountAtRoot ? path : `${API_PREFIX}${path}`);

/** Every operation documents the kernel's problem responses (and 401/403 unless public). */
function withDefaultProblems(responses: RouteConfig['responses'], access: RouteAccess): RouteConfig['responses'] {
  const statuses: number[] = [...DEFAULT_PROBLEM_STATUSES, ...(access === 'public' ? [] : [401, 403])];
  return { ...problemResponses(...statuses), ...responses };
}

const TENANT_HEADER_DOC = {
  name: 'x-tenant-id',
  in: 'header' as const,
  required: false,
  description: 'Tenant id or slug; required for users, optional for API keys (which act in their own tenant)',
  schema: { type: 'string' as const },
};

/** Mounts each plugin's OpenAPI routes under `/api/v1`: tagged, documented, body-limited, access-checked. */
export function mountPluginRoutes(
  app: OpenAPIHono<AppEnv>,
  plugins: readonly LoadedPlugin[],
  defaultBodyLimit: number,
  access: AccessRegistry,
  limiter: RateLimiterService,
) {
  for (const { manifest, routes } of plugins) {
    for (const { route, handler, bodyLimitBytes, access: declared, mountAtRoot, rateLimit: rate } of routes) {
      const rule = declared ?? {};
      const own = route.middleware === undefined ? [] : Array.isArray(route.middleware) ? route.middleware : [route.middleware];
      const tenantScoped = rule !== 'public' && rule.tenantRole !== undefined;
      app.openapi(
        {
          ...route,
          path: routePath(route.path, mountAtRoot),
          tags: route.tags ?? [manifest.id],
          responses: withDefaultProblems(route.responses, rule),
          ...(rule === 'public' ? {} : { security: route.security ?? [{ bearerAuth: [] }, { cookieAuth: [] }] }),
          ...(tenantScoped ? { parameters: [...((route.parameters ?? []) as never[]), TENANT_HEADER_DOC] as never } : {}),
          middleware: [
            limitBody(bodyLimitBytes ?? defaultBodyLimit),
            accessControl(rule, access),
            ...(rate ? [rateLimit(rate, `${route.method.toUpperCase()} ${routePath(route.path, mountAtRoot)}`, limiter)] : []),
            ...own,
          ] as MiddlewareHandler[],
        },
        handler as never,
      );
    }
  }
}
