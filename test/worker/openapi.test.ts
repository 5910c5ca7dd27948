import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { systemPlugin } from '../../plugins/system';
import { openApiDigest } from '../../runner/atoll-api';
import { routePath } from '../../worker/http/mount-routes';
import { RouteRateLimits } from '../../worker/http/rate-limit';
import { installedPlugins } from '../../worker/plugins';
import { probePlugin } from '../fixtures/probe-plugin';
import { bodyOf, bootApp, send } from './harness';
import { authTestEnv } from './identity';

type Json = Record<string, any>;

const atoll = await bootApp([systemPlugin(), probePlugin()]);
const doc = await bodyOf(await send(atoll, '/api/openapi.json'));
// The deployment's own document, as served: its text is what the runner's client was generated from.
const installed = await bootApp(installedPlugins(), await authTestEnv());
const text = await (await send(installed, '/api/openapi.json')).text();
const full: Json = JSON.parse(text);
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const operationsOf = (document: Json) => Object.entries<Json>(document.paths).flatMap(([path, item]) => METHODS.filter((m) => item[m]).map((method) => ({ path, method, op: item[method] as Json })));
/** Follows a local `$ref` (`#/components/...`). */
const deref = (document: Json, node: Json): Json =>
  node.$ref
    ? node.$ref
        .slice(2)
        .split('/')
        .reduce((at: Json, key: string) => at[key], document)
    : node;

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 with the host version', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: 'Atoll API', version: '0.1.0' });
  });

  it('has a tag per plugin, and tags each plugin operation with it', () => {
    expect(doc.tags.map((t: { name: string }) => t.name)).toEqual(['health', 'system', 'probe']);
    expect(doc.paths['/api/v1/system/info'].get.tags).toEqual(['system']);
    expect(doc.paths['/api/v1/probe/echo'].post.tags).toEqual(['probe']);
    expect(doc.paths['/api/v1/probe/echo'].post.operationId).toBe('probe.echo');
  });

  it('mounts plugin routes under /api/v1 and includes health', () => {
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/health/live', '/health/ready', '/api/v1/system/info', '/api/v1/probe/fail/{kind}']));
  });

  it('declares the security schemes', () => {
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.components.securitySchemes.cookieAuth).toMatchObject({ type: 'apiKey', in: 'cookie' });
  });

  it('documents the problem responses on every plugin operation, as shared components', () => {
    expect(doc.components.schemas.Problem.required).toEqual(expect.arrayContaining(['type', 'title', 'status', 'detail', 'code', 'requestId']));
    const names: Record<string, string> = { '400': 'BadRequest', '404': 'NotFound', '413': 'PayloadTooLarge', '500': 'InternalError' };
    for (const { path, method, op } of operationsOf(doc)) {
      if (!path.startsWith('/api/v1/')) continue;
      for (const [status, name] of Object.entries(names)) {
        expect(op.responses[status], `${method} ${path} ${status}`).toEqual({ $ref: `#/components/responses/${name}` });
      }
    }
    for (const name of Object.values(names)) {
      expect(doc.components.responses[name].content['application/problem+json'].schema.$ref).toBe('#/components/schemas/Problem');
    }
    expect(doc.paths['/api/v1/probe/echo'].post.responses['409']).toEqual({ $ref: '#/components/responses/Conflict' });
  });

  it('requires credentials globally; public operations opt out with security: []', () => {
    expect(doc.security).toEqual([{ bearerAuth: [] }, { cookieAuth: [] }]);
    for (const { path, method, op } of operationsOf(doc)) expect(op.security, `${method} ${path}`).toEqual([]); // probe, system info and health are public
  });

  it('describes every operation, saying who may call it', () => {
    for (const { path, method, op } of operationsOf(doc)) expect(op.description, `${method} ${path}`).toMatch(/Access: /);
    expect(doc.paths['/api/v1/probe/echo'].post.description).toBe('Access: Public, no credentials needed.');
  });

  it('documents x-request-id on every response', () => {
    expect(doc.components.headers.RequestId).toMatchObject({ required: true, schema: { type: 'string' } });
    for (const { path, method, op } of operationsOf(doc)) {
      for (const [status, response] of Object.entries<Json>(op.responses)) {
        expect(deref(doc, response).headers['x-request-id'], `${method} ${path} ${status}`).toEqual({ $ref: '#/components/headers/RequestId' });
      }
    }
  });

  it('lets writes answer 429 with Retry-After and documents RateLimit-* on their success; reads have neither', () => {
    const echo = doc.paths['/api/v1/probe/echo'].post;
    expect(echo.responses['429']).toEqual({ $ref: '#/components/responses/TooManyRequests' });
    expect(Object.keys(doc.components.responses.TooManyRequests.headers)).toEqual(['x-request-id', 'Retry-After', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset']);
    expect(Object.keys(echo.responses['201'].headers)).toEqual(expect.arrayContaining(['RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset']));
    const read = doc.paths['/api/v1/system/info'].get;
    expect(read.responses['429']).toBeUndefined();
    expect(Object.keys(read.responses['200'].headers)).toEqual(['x-request-id']);
  });

  it('documents no Location on a 201 that says it creates nothing addressable', () => {
    const echo = doc.paths['/api/v1/probe/echo'].post;
    expect(echo['x-atoll-no-location']).toBe('Echoes the body; creates nothing');
    expect(echo.responses['201'].headers.Location).toBeUndefined();
  });
});

describe('OpenAPI document of the installed plugins', () => {
  it('is the document the runner’s client types were generated from (else: npm run openapi:client)', async () => {
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
    expect([...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')).toBe(openApiDigest);
  });

  it('references the shared x-tenant-id parameter from every tenant-scoped operation', () => {
    expect(full.components.parameters.TenantId).toMatchObject({ name: 'x-tenant-id', in: 'header', required: false });
    const scoped = operationsOf(full).filter(({ op }) => (op.parameters ?? []).some((p: Json) => p.$ref === '#/components/parameters/TenantId'));
    expect(scoped.map(({ op }) => op.operationId)).toEqual(expect.arrayContaining(['projects.createProject', 'files.downloadFile', 'jobs.createJob']));
    for (const { path, method, op } of operationsOf(full)) {
      expect(
        (op.parameters ?? []).filter((p: Json) => p.name === 'x-tenant-id'),
        `${method} ${path} inlines x-tenant-id`,
      ).toEqual([]);
    }
  });

  it('documents Location on the 201s that create a resource', () => {
    const created = operationsOf(full).filter(({ op }) => op.responses['201']);
    const located = created.filter(({ op }) => op.responses['201'].headers.Location).map(({ op }) => op.operationId);
    expect(located).toEqual(expect.arrayContaining(['projects.createProject', 'tenants.createTenant', 'files.uploadFile', 'jobs.createJob', 'dashboards.addPanel']));
    for (const { op } of created.filter(({ op }) => !op.responses['201'].headers.Location)) {
      expect(op['x-atoll-no-location'], `${op.operationId}: 201 without Location and without a reason`).toEqual(expect.any(String));
    }
  });

  it('documents ETag and Content-Range where downloads send them', () => {
    for (const path of ['/api/v1/files/content', '/api/v1/artifacts/{id}/content']) {
      const { responses } = full.paths[path].get;
      expect(Object.keys(responses['200'].headers), path).toContain('ETag');
      expect(Object.keys(responses['206'].headers), path).toEqual(expect.arrayContaining(['ETag', 'Content-Range']));
      expect(Object.keys(deref(full, responses['416']).headers), path).toContain('Content-Range');
    }
  });

  it('documents 429 and RateLimit-* exactly where the kernel rate-limits (default settings)', () => {
    const limits = new RouteRateLimits({}, { hit: async () => null, charge: async () => null });
    for (const { manifest, routes } of installed.registry.plugins) {
      for (const { route, rateLimit, mountAtRoot, access } of routes) {
        const op = full.paths[routePath(route.path, mountAtRoot)][route.method];
        const limited = limits.for(manifest.id, route.method, rateLimit, access === 'public') !== undefined;
        const success = Object.entries<Json>(op.responses).filter(([status]) => status.startsWith('2'));
        if (limited) expect(op.responses['429'], op.operationId).toEqual({ $ref: '#/components/responses/TooManyRequests' });
        for (const [status, response] of success) expect('RateLimit-Limit' in (response.headers ?? {}), `${op.operationId} ${status}`).toBe(limited);
      }
    }
  });

  it('documents no rate limit on routes that opt out (the runner API)', () => {
    const claim = full.paths['/api/v1/jobs/claim'].post;
    expect(claim.responses['429']).toBeUndefined();
    expect(Object.keys(claim.responses['200'].headers)).toEqual(['x-request-id']);
  });
});

describe('API reference page', () => {
  it('loads Swagger UI from the app’s own assets', async () => {
    const res = await send(atoll, '/api/docs');
    const html = await res.text();
    expect(res.status).toBe(200);
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets).toEqual(expect.arrayContaining(['/static/vendor/swagger-ui/swagger-ui-bundle.js', '/static/vendor/swagger-ui/swagger-ui.css', '/static/docs.js']));
    for (const asset of assets) {
      expect(asset.startsWith('/'), `${asset} must be served locally`).toBe(true);
      const served = await env.ASSETS.fetch(`http://atoll.test${asset}`);
      expect(served.status, asset).toBe(200);
    }
    expect(html).toContain('data-spec-url="/api/openapi.json"');
  });
});
