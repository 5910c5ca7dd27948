// A dashboard as a person uses it, in headless Chromium against the real stack: register, create a
// tenant, ingest a small metric CSV through the datasets API (queue consumer included), create a
// dashboard with a timeseries panel, open it and see the SVG chart; then ingest more data while the
// page is open and see the panel redraw itself from the realtime event.
import { describe, expect, it } from 'vitest';
import { hoursAgo, ingestMetrics, signUp } from './dashboard-setup';
import { openPage, useStack } from './harness';
import { shown, visit } from './page-actions';

const stack = useStack();

describe('dashboards in headless Chromium', () => {
  it('shows a timeseries panel as an SVG chart and redraws it when new data is ingested', async () => {
    const { page, problems } = await openPage(stack);
    const call = await signUp(page, stack.baseUrl);
    await ingestMetrics(call, 'temps', [`temp,21.5,${hoursAgo(3)}`, `temp,23,${hoursAgo(2)}`, `temp,22,${hoursAgo(1)}`]);
    const dashboard = await call(
      'POST',
      '/dashboards',
      {
        name: 'Climate',
        panels: [
          { type: 'timeseries', title: 'Temperature', query: { metric: 'temp', agg: 'avg', bucket: 'hour', range: { last: '24h' } } },
          { type: 'kpi', title: 'Peak', query: { metric: 'temp', agg: 'max', range: { last: '24h' } } },
        ],
      },
      201,
    );

    await visit(page, '/app/dashboards');
    await page.locator('#dashboards a', { hasText: 'Climate' }).click();
    await page.waitForURL(`**/app/dashboards/${dashboard.id}`);
    const chart = page.locator(`#panel-${dashboard.panels[0].id} svg.chart-line`);
    await expect(chart.getAttribute('aria-label'), await shown(page)).resolves.toMatch(/^Temperature: avg of temp per hour: 3 points from /);
    expect(await chart.locator('circle.chart-point').count()).toBe(3);
    const yLabels = await chart.locator('.chart-axis-y text').allTextContents();
    expect(yLabels.length).toBeGreaterThanOrEqual(3);
    expect(
      yLabels.every((t) => /^\d+(\.\d+)?$/.test(t)),
      yLabels.join(','),
    ).toBe(true);
    const xLabels = await chart.locator('.chart-axis-x text').allTextContents();
    expect(xLabels.length).toBeGreaterThanOrEqual(3);
    expect(
      xLabels.every((t) => /^\d{2}:\d{2}$|^\d{2}-\d{2} \d{2}:\d{2}$/.test(t)),
      xLabels.join(','),
    ).toBe(true);
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
