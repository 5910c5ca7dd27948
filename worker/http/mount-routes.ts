import { type OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { KernelErrorCode } from '../error-codes';
import { AtollError } from '../errors';
import type { LoadedPlugin } from '../plugin/registry';
import type { AppEnv } from '../plugin/types';
import { DEFAULT_PROBLEM_STATUSES, problemResponses } from './problem-schema';

export const API_PREFIX = '/api/v1';

export const limitBody = (maxSize: number): MiddlewareHandler =>
  bodyLimit({
    maxSize,
    onError: () => {
      throw new AtollError('payload_too_large', KernelErrorCode.PAYLOAD_TOO_LARGE, `The request body exceeds ${maxSize} bytes`);
    },
  });

/** Every operation documents the kernel's problem responses unless it documents them itself. */
function withDefaultProblems(responses: RouteConfig['responses']): RouteConfig['responses'] {
  const defaults = problemResponses(...DEFAULT_PROBLEM_STATUSES);
  return { ...defaults, ...responses };
}

/** Mounts each plugin's OpenAPI routes under `/api/v1`, tagged with the plugin id, body-limited. */
export function mountPluginRoutes(app: OpenAPIHono<AppEnv>, plugins: readonly LoadedPlugin[], defaultBodyLimit: number) {
  for (const { manifest, routes } of plugins) {
    for (const { route, handler, bodyLimitBytes } of routes) {
      const own = route.middleware === undefined ? [] : Array.isArray(route.middleware) ? route.middleware : [route.middleware];
      app.openapi(
        {
          ...route,
          path: `${API_PREFIX}${route.path}`,
          tags: route.tags ?? [manifest.id],
          responses: withDefaultProblems(route.responses),
          middleware: [limitBody(bodyLimitBytes ?? defaultBodyLimit), ...own] as MiddlewareHandler[],
        },
        handler as never,
      );
    }
  }
}
