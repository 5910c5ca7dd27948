import type { OpenAPIHono } from '@hono/zod-openapi';
import type { PluginRegistry } from '../plugin/registry';
import type { AppEnv, RouteDefinition } from '../plugin/types';
import { HOST_VERSION } from '../version';
import { routePath } from './mount-routes';
import { DEFAULT_SECURITY } from './openapi-components';
import { applyApiConventions } from './openapi-conventions';
import { isRateLimited } from './rate-limit';

/** Registers the security schemes every plugin's routes may reference. */
export function registerSecuritySchemes(app: OpenAPIHono<AppEnv>) {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'An access token from `POST /api/v1/auth/login`, or an API key',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'cookieAuth', {
    type: 'apiKey',
    in: 'cookie',
    name: 'atoll_session',
    description: 'Browser session cookie (HTMX pages); state-changing requests also need the CSRF header',
  });
}

/** Whether a route may answer 429 with `RateLimit-*` headers (the rule the kernel applies). */
const mayBeRateLimited = ({ route, rateLimit }: RouteDefinition) => isRateLimited(route.method, rateLimit);

/** `<method> <OpenAPI path>` of each plugin operation that may be rate limited. */
function rateLimitedOperations(registry: PluginRegistry): Set<string> {
  const keys = registry.plugins.flatMap(({ routes }) => routes.filter(mayBeRateLimited).map((r) => `${r.route.method} ${routePath(r.route.path, r.mountAtRoot)}`));
  return new Set(keys);
}

/**
 * Builds the OpenAPI 3.1 document once: a tag per plugin, kernel health routes, the problem schema,
 * then the document-wide conventions (shared problem responses, response headers).
 */
export function buildOpenApiDocument(app: OpenAPIHono<AppEnv>, registry: PluginRegistry) {
  const document = app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'Atoll API',
      version: HOST_VERSION,
      description: 'Multi-tenant data platform. Errors are RFC 9457 problem+json; every response carries `x-request-id`.',
    },
    servers: [{ url: '/' }],
    security: DEFAULT_SECURITY,
    tags: [
      { name: 'health', description: 'Liveness and readiness' },
      ...registry.plugins.map(({ manifest }) => ({
        name: manifest.id,
        description: `${manifest.description ?? manifest.id} (plugin ${manifest.id} ${manifest.version})`,
      })),
    ],
  });
  const limited = rateLimitedOperations(registry);
  return applyApiConventions(document, (method, path) => limited.has(`${method} ${path}`));
}
