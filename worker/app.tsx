import { OpenAPIHono } from '@hono/zod-openapi';
import { cors } from 'hono/cors';
import { html } from 'hono/html';
import { secureHeaders } from 'hono/secure-headers';
import { createQueueProducer } from '../queues/producer';
import { DOCS_CSP, DocsPage } from '../views/docs';
import { errorPageRenderer } from '../views/error-page';
import { HomePage } from '../views/home';
import { HomeRegistry } from '../views/home-registry';
import { browserTenant } from '../views/home-tenant';
import { LayoutRegistry } from '../views/layout-registry';
import { mountPages, renderPage } from '../views/mount-pages';
import { buildNav } from '../views/nav';
import { ReadinessBadge } from '../views/readiness-badge';
import { accessControl } from './access/access-control';
import { AccessRegistry } from './access/access-registry';
import { ConfigError, type KernelConfig, loadKernelConfig } from './config';
import { databaseSession } from './db/request-db';
import type { Env } from './env';
import { KernelErrorCode } from './error-codes';
import { AtollError } from './errors';
import { DRAIN_LIMIT_BYTES, drainRequestBody } from './http/drain-body';
import { checkReadiness, HEALTH_ROUTES, mountHealth } from './http/health';
import { API_PREFIX, mountPluginRoutes, routePath } from './http/mount-routes';
import { buildOpenApiDocument, registerSecuritySchemes } from './http/openapi';
import { pathGuard } from './http/path-guard';
import { fieldErrors, problemResponse, toAtollError } from './http/problem';
import { createRateLimiter, RouteRateLimits } from './http/rate-limit';
import { RouteTable } from './http/route-table';
import { createLogger } from './logger';
import { requestContext } from './middleware/request-context';
import { apiScopesOf } from './plugin/api-scopes';
import { coreExtensionPoints, coreServices } from './plugin/core-services';
import { bootPlugins } from './plugin/host';
import type { PluginRegistry } from './plugin/registry';
import type { AnyPluginManifest, AppEnv } from './plugin/types';
import { createRealtimePublisher } from './realtime/publisher';
import { ObjectStorage } from './storage/object-storage';
import { createS3Client } from './storage/s3-client';
import { HOST_VERSION } from './version';

export interface AtollApp {
  readonly app: OpenAPIHono<AppEnv>;
  readonly config: KernelConfig;
  readonly registry: PluginRegistry;
  readonly access: AccessRegistry;
}

const PAGE_CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  frameAncestors: ["'none'"],
  formAction: ["'self'"],
};

const KERNEL_ROUTES: [string, string][] = [
  ['GET', '/'],
  ['GET', '/partials/readiness'],
  ['GET', '/api/openapi.json'],
  ['GET', '/api/docs'],
  ...HEALTH_ROUTES.map((r) => r.split(' ') as [string, string]),
];

/**
 * Builds the app: validates config, boots the plugins, and mounts kernel middleware, health,
 * OpenAPI, pages and plugin routes. Throws `ConfigError` or `PluginBootError` on a bad setup.
 */
export async function createApp(env: Env, plugins: readonly AnyPluginManifest[]): Promise<AtollApp> {
  const config = loadKernelConfig(env);
  const bootLogger = createLogger(config.logLevel, { component: 'boot' });
  const s3 = createS3Client(config.s3);
  const storage = new ObjectStorage(s3, config.s3.bucket);
  const access = new AccessRegistry();
  const rateLimiter = createRateLimiter(config.rateLimiter, createLogger(config.logLevel, { component: 'rate-limit' }));
  const layout = new LayoutRegistry();
  const home = new HomeRegistry();
  const registry = await bootPlugins(plugins, {
    hostVersion: HOST_VERSION,
    env: env as Record<string, unknown>,
    logger: bootLogger,
    reservedRoutes: KERNEL_ROUTES.map(([m, p]) => `${m} ${p}`),
    kernelProvides: [
      { ref: coreExtensionPoints.access, implementation: access },
      { ref: coreExtensionPoints.layout, implementation: layout },
      { ref: coreExtensionPoints.home, implementation: home },
      { ref: coreServices.storage, implementation: storage },
      { ref: coreServices.queue, implementation: createQueueProducer(config.queue, () => registry.queues) },
      { ref: coreServices.rateLimiter, implementation: rateLimiter },
      { ref: coreServices.jobTypes, implementation: { get: (type: string) => registry.jobs.get(type), types: () => [...registry.jobs.keys()] } },
      { ref: coreServices.chatTools, implementation: { get: (name: string) => registry.chatTools.get(name), list: () => [...registry.chatTools.values()] } },
      { ref: coreServices.apiScopes, implementation: apiScopesOf(() => registry) },
      { ref: coreServices.realtime, implementation: createRealtimePublisher(config.tenantHub, createLogger(config.logLevel, { component: 'realtime' })) },
    ],
  });
  const routes = new RouteTable();
  for (const [method, path] of KERNEL_ROUTES) routes.add(method, path);

  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        throw new AtollError('validation', KernelErrorCode.VALIDATION, 'The request is invalid', {
          errors: fieldErrors(result.error, result.target),
        });
      }
    },
  });

  app.use('*', drainRequestBody(DRAIN_LIMIT_BYTES));
  app.use('*', requestContext(config.logLevel));
  app.use('*', secureHeaders({ contentSecurityPolicy: PAGE_CSP, overwrite: false, crossOriginEmbedderPolicy: false }));
  if (config.corsOrigins.length > 0) {
    app.use(
      `${API_PREFIX}/*`,
      cors({
        origin: config.corsOrigins,
        allowHeaders: ['authorization', 'content-type', 'x-tenant-id', 'x-request-id', 'idempotency-key'],
        exposeHeaders: ['x-request-id', 'retry-after', 'location', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset'],
        maxAge: 600,
      }),
    );
  }
  // Before plugin middleware and routes: no path parameter then carries a control character into a
  // header, an S3 key or Postgres (each fails its own way, some as a 5xx).
  app.use('*', pathGuard);
  app.use('*', databaseSession(config.database));
  for (const m of registry.middleware) app.use(m.path, m.handler);

  mountHealth(app, { s3, bucket: config.s3.bucket });
  const rateLimits = new RouteRateLimits(config.rateLimits, rateLimiter);
  mountPluginRoutes(app, registry.plugins, config.maxBodyBytes, access, rateLimits);
  for (const { routes: defs } of registry.plugins) {
    for (const { route, mountAtRoot } of defs) routes.add(route.method, routePath(route.path, mountAtRoot));
  }

  registerSecuritySchemes(app);
  let document: ReturnType<typeof buildOpenApiDocument> | undefined;
  app.get('/api/openapi.json', (c) => c.json((document ??= buildOpenApiDocument(app, registry))));
  app.get('/api/docs', (c) => {
    c.header('content-security-policy', DOCS_CSP);
    return c.html(html`<!doctype html>${<DocsPage />}`);
  });

  const nav = buildNav(registry.plugins.flatMap((p) => p.pages));
  const shell = { nav, layout, access, maxBodyBytes: config.maxBodyBytes, rateLimits };
  // The home page is public but knows a signed-in caller: header widgets, theme, and the plugins'
  // checklist and recent items for the browser's current tenant.
  app.get('/', accessControl('public', access), async (c) => {
    const principal = c.get('principal');
    const signedIn = principal?.kind === 'user' ? await home.collect(c, await browserTenant(c, principal, access)) : undefined;
    return c.html(await renderPage(c, shell, 'Welcome to Atoll', '/', <HomePage nav={nav} signedIn={signedIn} />));
  });
  app.get('/partials/readiness', async (c) => {
    const readiness = await checkReadiness(c, { s3, bucket: config.s3.bucket });
    return c.html(<ReadinessBadge checks={readiness.checks} />);
  });
  mountPages(app, registry.plugins, shell, (method, path) => routes.add(method, path));
  const errorPage = errorPageRenderer(shell);
  const unknownGroups = rateLimits.unknownGroups(registry.plugins.map((p) => p.manifest.id));
  if (unknownGroups.length > 0) {
    throw new ConfigError(unknownGroups.map((g) => ({ variable: 'RATE_LIMIT_WRITES', message: `${g}: no installed plugin has this route group` })));
  }

  app.notFound((c) => {
    const allowed = routes.allowedMethods(c.req.path);
    const where = c.req.path.length > 200 ? `${c.req.path.slice(0, 200)}…` : c.req.path;
    const error =
      allowed.length > 0
        ? new AtollError('method_not_allowed', KernelErrorCode.METHOD_NOT_ALLOWED, `${c.req.method} is not allowed on ${where}`, {
            headers: { allow: allowed.join(', ') },
          })
        : new AtollError('not_found', KernelErrorCode.NOT_FOUND, `No route matches ${c.req.method} ${where}`);
    return problemResponse(c, error, errorPage);
  });

  app.onError((err, c) => {
    const error = c.get('bodyLimitExceeded') ?? toAtollError(err);
    if (error.kind === 'internal') {
      const logger = c.get('logger') ?? bootLogger;
      logger.error('unhandled error', { error: err, stack: err instanceof Error ? err.stack : undefined });
    } else if (error.code === KernelErrorCode.INVALID_VALUE) {
      // A database error mapped to a 400: usually the client's value, but a class 42
      // SQLSTATE can also be our own bug, so it stays visible in the logs.
      (c.get('logger') ?? bootLogger).warn('request refused by a lower layer', { code: error.code, error: err });
    }
    return problemResponse(c, error, errorPage);
  });

  return { app, config, registry, access };
}
