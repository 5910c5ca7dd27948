import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { systemPlugin } from '../../plugins/system';
import { probePlugin } from '../fixtures/probe-plugin';
import { bodyOf, bootApp, send } from './harness';

const atoll = await bootApp([systemPlugin(), probePlugin()]);
const doc = await bodyOf(await send(atoll, '/api/openapi.json'));

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
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/health/live', '/health/ready', '/api/v1/system/info', '/api/v1/probe/fail/{kind}']),
    );
  });

  it('declares the security schemes', () => {
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.components.securitySchemes.cookieAuth).toMatchObject({ type: 'apiKey', in: 'cookie' });
  });

  it('documents the problem responses on every plugin operation', () => {
    expect(doc.components.schemas.Problem.required).toEqual(expect.arrayContaining(['type', 'title', 'status', 'detail', 'code', 'requestId']));
    for (const [path, item] of Object.entries<Record<string, any>>(doc.paths)) {
      if (!path.startsWith('/api/v1/')) continue;
      for (const [method, op] of Object.entries<any>(item)) {
        for (const status of ['400', '404', '413', '500']) {
          expect(op.responses[status], `${method} ${path} ${status}`).toBeDefined();
          expect(op.responses[status].content['application/problem+json'].schema.$ref).toBe('#/components/schemas/Problem');
        }
      }
    }
    expect(doc.paths['/api/v1/probe/echo'].post.responses['409']).toBeDefined();
  });
});

describe('API reference page', () => {
  it('loads Swagger UI from the app’s own assets', async () => {
    const res = await send(atoll, '/api/docs');
    const html = await res.text();
    expect(res.status).toBe(200);
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets).toEqual(
      expect.arrayContaining(['/static/vendor/swagger-ui/swagger-ui-bundle.js', '/static/vendor/swagger-ui/swagger-ui.css', '/static/docs.js']),
    );
    for (const asset of assets) {
      expect(asset.startsWith('/'), `${asset} must be served locally`).toBe(true);
      const served = await env.ASSETS.fetch(`http://atoll.test${asset}`);
      expect(served.status, asset).toBe(200);
    }
    expect(html).toContain('data-spec-url="/api/openapi.json"');
  });
});
