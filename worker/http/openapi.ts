import type { OpenAPIHono } from '@hono/zod-openapi';
import type { PluginRegistry } from '../plugin/registry';
import type { AppEnv } from '../plugin/types';
import { HOST_VERSION } from '../version';

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

/** Builds the OpenAPI 3.1 document once: a tag per plugin, kernel health routes, the problem schema. */
export function buildOpenApiDocument(app: OpenAPIHono<AppEnv>, registry: PluginRegistry) {
  return app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'Atoll API',
      version: HOST_VERSION,
      description: 'Multi-tenant data platform. Errors are RFC 9457 problem+json; every response carries `x-request-id`.',
    },
    servers: [{ url: '/' }],
    tags: [
      { name: 'health', description: 'Liveness and readiness' },
      ...registry.plugins.map(({ manifest }) => ({
        name: manifest.id,
        description: `${manifest.description ?? manifest.id} (plugin ${manifest.id} ${manifest.version})`,
      })),
    ],
  });
}
