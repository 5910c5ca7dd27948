// A dashboard as a person uses it, in headless Chromium against the real stack: register, create a
// tenant, ingest a small metric CSV through the datasets API (queue consumer included), create a
// dashboard with a timeseries panel, open it and see the SVG chart; then ingest more data while the
// page is open and see the panel redraw itself from the realtime event.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, useStack } from './harness';
import { shown, submit as submitTo, uniqueId, visit } from './page-actions';

const stack = useStack();

const submit = (page: Page, form: string, fields: Record<string, string>) => submitTo(page, stack.baseUrl, form, fields);

/** The REST API as the signed-up user (bearer token), in the tenant. */
function api(token: string, tenant: string) {
  return async (method: string, path: string, body?: unknown, expected = 200): Promise<any> => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'x-tenant-id': tenant };
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const res = await fetch(`${stack.baseUrl}/api/v1${path}`, { method, headers, body: payload });
    const text = await res.text();
    expect(res.status, `${method} ${path}: ${text}`).toBe(expected);
    return text ? JSON.parse(text) : null;
  };
}

type Api = ReturnType<typeof api>;

/** Creates a metric dataset from CSV lines, uploads it with ingestion queued, and waits until it is ready. */
async function ingestMetrics(call: Api, name: string, lines: string[]) {
  const { dataset } = await call('POST', '/datasets', { name, kind: 'metric', format: 'csv' }, 201);
  const form = new FormData();
  form.append('file', new Blob([['metric,value,timestamp', ...lines].join('\n')], { type: 'text/csv' }), `${name}.csv`);
  await call('POST', `/datasets/${dataset.id}/upload?ingest=true`, form);
  for (let i = 0; i < 240; i++) {
    const now = await call('GET', `/datasets/${dataset.id}`);
    if (now.status === 'ready') return now;
    expect(now.status, JSON.stringify(now)).not.toBe('error');
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`dataset ${name} did not become ready`);
}

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

describe('dashboards in headless Chromium', () => {
  it('shows a timeseries panel as an SVG chart and redraws it when new data is ingested', async () => {
    const { page, problems } = await openPage(stack);
    const id = uniqueId();
    const user = { name: 'Dana Dash', email: `dash-${id}@example.com`, password: 'a long enough passphrase' };
    await visit(page, '/app/register');
    await submit(page, 'form[action="/app/register"]', { '#name': user.name, '#email': user.email, '#password': user.password });
    await visit(page, '/app/tenants/new');
    await submit(page, 'form[action="/app/tenants/new"]', { '#tenant-name': `Dash Co ${id}`, '#tenant-slug': `dash-${id}` });

    const login = await fetch(`${stack.baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: user.email, password: user.password }) });
    const call = api((await login.json()).accessToken, `dash-${id}`);
    await ingestMetrics(call, 'temps', [`temp,21.5,${hoursAgo(3)}`, `temp,23,${hoursAgo(2)}`, `temp,22,${hoursAgo(1)}`]);
    const dashboard = await call('POST', '/dashboards', {
      name: 'Climate',
      panels: [
        { type: 'timeseries', title: 'Temperature', query: { metric: 'temp', agg: 'avg', bucket: 'hour', range: { last: '24h' } } },
        { type: 'kpi', title: 'Peak', query: { metric: 'temp', agg: 'max', range: { last: '24h' } } },
      ],
    }, 201);

    await visit(page, '/app/dashboards');
    await page.locator('#dashboards a', { hasText: 'Climate' }).click();
    await page.waitForURL(`**/app/dashboards/${dashboard.id}`);
    const chart = page.locator(`#panel-${dashboard.panels[0].id} svg.chart-line`);
    await expect(chart.getAttribute('aria-label'), await shown(page)).resolves.toMatch(/^Temperature: avg of temp per hour: 3 points from /);
    expect(await chart.locator('circle.chart-point').count()).toBe(3);
    const yLabels = await chart.locator('.chart-axis-y text').allTextContents();
    expect(yLabels.length).toBeGreaterThanOrEqual(3);
    expect(yLabels.every((t) => /^\d+(\.\d+)?$/.test(t)), yLabels.join(',')).toBe(true);
    const xLabels = await chart.locator('.chart-axis-x text').allTextContents();
    expect(xLabels.length).toBeGreaterThanOrEqual(3);
    expect(xLabels.every((t) => /^\d{2}:\d{2}$|^\d{2}-\d{2} \d{2}:\d{2}$/.test(t)), xLabels.join(',')).toBe(true);
    await expect(chart.locator('circle.chart-point title').allTextContents()).resolves.toContainEqual(expect.stringMatching(/ UTC: 23 \(1 point\)$/));
    const box = await chart.boundingBox();
    expect(box!.width).toBeGreaterThan(200);
    await expect(page.locator(`#panel-${dashboard.panels[1].id} .kpi-value`).innerText()).resolves.toBe('23');

    // New data for the tenant: the hub's dataset.ready event makes the panel fetch itself again.
    await ingestMetrics(call, 'more_temps', [`temp,30,${hoursAgo(4)}`]);
    await page.waitForFunction((panel) => document.querySelectorAll(`#panel-${panel} circle.chart-point`).length === 4, dashboard.panels[0].id, { timeout: 15_000 });
    await page.waitForFunction((panel) => document.querySelector(`#panel-${panel} .kpi-value`)?.textContent === '30', dashboard.panels[1].id, { timeout: 15_000 });

    // The analytics explorer: pick the metric, and the chart region is swapped in by htmx.
    await page.locator('nav[aria-label="Main"] a', { hasText: 'Analytics' }).click();
    await page.waitForURL('**/app/analytics');
    await page.locator('#explorer-metric').selectOption('temp');
    await page.locator('#explorer-agg').selectOption('max');
    await page.locator('#explorer button[type=submit]').click();
    await page.waitForURL(/\/app\/analytics\?metric=temp/);
    const explored = page.locator('#analytics-chart svg.chart-line');
    await expect(explored.getAttribute('aria-label'), await shown(page)).resolves.toMatch(/^max of temp per hour: 4 points from /);
    await expect(page.locator('#summary-points').innerText()).resolves.toContain('4');
    expect(problems).toEqual([]);
  });
});
