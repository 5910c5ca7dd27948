import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { systemPlugin } from '../../plugins/system';
import { probePlugin } from '../fixtures/probe-plugin';
import { bootApp, send } from './harness';

const atoll = await bootApp([systemPlugin(), probePlugin()]);

describe('HTML shell', () => {
  it('renders the home page in the layout with htmx and its ws extension from local assets', async () => {
    const res = await send(atoll, '/');
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<html lang="en" data-theme="system">');
    expect(html).toContain('src="/static/vendor/htmx.min.js"');
    expect(html).toContain('src="/static/vendor/htmx-ext-ws.js"');
    expect(html).toContain('href="#main"'); // skip link
    expect(html).toContain('hx-get="/partials/readiness"');
  });

  it('serves htmx 2.x and the ws extension as static assets', async () => {
    const htmx = await (await env.ASSETS.fetch('http://atoll.test/static/vendor/htmx.min.js')).text();
    expect(htmx).toMatch(/version:"2\.\d+\.\d+"/);
    const ws = await env.ASSETS.fetch('http://atoll.test/static/vendor/htmx-ext-ws.js');
    expect(ws.status).toBe(200);
    expect(await ws.text()).toContain('htmx.defineExtension("ws"');
    expect((await env.ASSETS.fetch('http://atoll.test/static/app.css')).status).toBe(200);
  });

  it('builds the navigation from the plugins’ pages, in order', async () => {
    const html = await (await send(atoll, '/')).text();
    const links = [...html.matchAll(/<nav aria-label="Main">(.*?)<\/nav>/gs)][0]![1]!;
    const hrefs = [...links.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
    expect(hrefs).toEqual(['/', '/app/probe', '/app/system', '/api/docs']);
  });

  it('mounts plugin pages under /app inside the layout, and partials bare', async () => {
    const page = await (await send(atoll, '/app/probe')).text();
    expect(page).toContain('<title>Probe page · Atoll</title>');
    expect(page).toContain('<p id="probe">probe body</p>');
    expect(page).toContain('aria-current="page"');
    const partial = await send(atoll, '/app/probe/partial');
    expect(await partial.text()).toBe('<span id="partial">partial</span>');
  });

  it('shows the system page with the installed plugins', async () => {
    const html = await (await send(atoll, '/app/system')).text();
    expect(html).toContain('<td>system</td>');
    expect(html).toContain('<td>probe</td>');
  });

  it('renders the readiness partial for the home page', async () => {
    const html = await (await send(atoll, '/partials/readiness', { headers: { 'hx-request': 'true' } })).text();
    expect(html).toContain('<span>postgres</span> <strong>ready</strong>');
    expect(html).toContain('<span>s3</span> <strong>ready</strong>');
  });

  it('maps an error thrown by a page like any other', async () => {
    const res = await send(atoll, '/app/probe/boom', { headers: { 'hx-request': 'true' } });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('page conflict');
  });
});
