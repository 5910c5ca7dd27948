import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { systemPlugin } from '../../plugins/system';
import { PROBE_SECRET, probePlugin } from '../fixtures/probe-plugin';
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
    // Infrastructure status lives on the system page, not the home page.
    expect(html).not.toContain('hx-get="/partials/readiness"');
    expect(html).toContain('href="/app/login"');
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

  it("shows the system page with the installed plugins and the dependencies' status", async () => {
    const html = await (await send(atoll, '/app/system')).text();
    expect(html).toContain('hx-get="/partials/readiness"');
    expect(html).toContain('<td>system</td>');
    expect(html).toContain('<td>probe</td>');
  });

  it('renders the readiness partial for the system page', async () => {
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

describe('error pages', () => {
  const browser = (requestId: string, init: RequestInit = {}) => ({ ...init, headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8', 'x-request-id': requestId, ...init.headers } });

  /** An HTML page in the layout, with the status, a link home and the request id on its own line. */
  async function errorPage(res: Response, status: number, requestId: string) {
    const html = await res.text();
    expect(res.status, html).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html.startsWith('<!doctype html>'), html).toBe(true);
    expect(html).toContain('<nav aria-label="Main">');
    expect(html).toContain('<a href="/">Go to the home page</a>');
    expect(html).toContain(`<p class="request-id">Request id: <code>${requestId}</code></p>`);
    return html;
  }

  it('shows an unknown page path as a 404 page, in plain words', async () => {
    const html = await errorPage(await send(atoll, '/app/nothing-here', browser('req-page-404-0001')), 404, 'req-page-404-0001');
    expect(html).toContain('<title>Page not found · Atoll</title>');
    expect(html).not.toContain('No route matches');
  });

  it('shows an error a page throws with its detail, and a wrong method as 405 with Allow', async () => {
    const conflict = await errorPage(await send(atoll, '/app/probe/boom', browser('req-page-409-0001')), 409, 'req-page-409-0001');
    expect(conflict).toContain('<p>page conflict</p>');
    expect(conflict).toContain('data-code="PROBE_CONFLICT"');
    const wrong = await send(atoll, '/app/probe', browser('req-page-405-0001', { method: 'DELETE' }));
    expect(wrong.headers.get('allow')).toBe('GET, HEAD');
    await errorPage(wrong, 405, 'req-page-405-0001');
  });

  it('shows a crash as a 500 page without anything internal', async () => {
    const html = await errorPage(await send(atoll, '/app/probe/crash', browser('req-page-500-0001')), 500, 'req-page-500-0001');
    expect(html).toContain('Something went wrong on our side');
    expect(html).not.toContain(PROBE_SECRET);
    expect(html).not.toContain('cannot connect');
  });

  it('gives a boosted navigation the page and other htmx requests the flash', async () => {
    const boosted = await send(atoll, '/app/nothing-here', browser('req-page-hxb-0001', { headers: { 'hx-request': 'true', 'hx-boosted': 'true' } }));
    await errorPage(boosted, 404, 'req-page-hxb-0001');
    const swap = await send(atoll, '/app/probe/boom', browser('req-page-hxs-0001', { headers: { 'hx-request': 'true' } }));
    const flash = await swap.text();
    expect(swap.status, flash).toBe(409);
    expect(flash.startsWith('<div class="alert alert-error" role="alert"'), flash).toBe(true);
  });

  it('keeps problem+json for the API and for paths outside the pages, whatever they accept', async () => {
    for (const path of ['/api/v1/nothing-here', '/api/v1/probe/fail/forbidden', '/no/such/page']) {
      const res = await send(atoll, path, browser('req-page-api-0001'));
      expect(res.headers.get('content-type'), path).toBe('application/problem+json');
      expect(JSON.parse(await res.text())).toMatchObject({ requestId: 'req-page-api-0001' });
    }
  });
});
