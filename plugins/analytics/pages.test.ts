import { describe, expect, it, vi } from 'vitest';
import { send } from '../../test/worker/harness';
import type { SignedUp } from '../../test/worker/identity';
import { htmlOf as html } from '../../test/worker/pages';
import { bootAnalytics, seedDataset, team } from './testing';

vi.setConfig({ testTimeout: 30_000 });
const atoll = await bootAnalytics();

function page(user: SignedUp, tenant: string, path: string, htmx = false) {
  const headers: Record<string, string> = { authorization: `Bearer ${user.accessToken}`, 'x-tenant-id': tenant };
  if (htmx) headers['hx-request'] = 'true';
  return send(atoll, path, { headers });
}

describe('analytics explorer', () => {
  it('sends signed-out browsers to the login page', async () => {
    const res = await send(atoll, '/app/analytics');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/app/login?next=%2Fapp%2Fanalytics');
  });

  it('shows the totals, the metric picker and a chart for a chosen metric; the partial pushes the URL', async () => {
    const { viewer, tenant } = await team(atoll, 'ex');
    const datasetId = await seedDataset(
      tenant.id,
      [
        ['cpu', 1, '2026-03-01T00:10:00Z'],
        ['cpu', 3, '2026-03-01T01:10:00Z'],
        ['mem', 7, '2026-03-01T00:00:00Z'],
      ],
      { name: 'servers' },
    );
    const empty = await html(await page(viewer, tenant.id, '/app/analytics'));
    expect(empty).toContain('href="/app/analytics"');
    expect(empty).toContain('<option value="cpu">cpu (2)</option>');
    expect(empty).toContain(`<option value="${datasetId}">servers</option>`);
    expect(empty).toContain('id="no-metric"');
    expect(empty).toMatch(/id="summary-points"[\s\S]*<strong>3<\/strong>/);

    const query = 'metric=cpu&last=custom&from=2026-03-01T00:00&to=2026-03-01T03:00&bucket=hour&agg=sum&fill=zero';
    const full = await html(await page(viewer, tenant.id, `/app/analytics?${query}`));
    expect(full).toContain('<option value="cpu" selected="">cpu (2)</option>');
    expect(full).toContain('aria-label="sum of cpu per hour: 3 points from 2026-03-01 00:00 UTC to 2026-03-01 02:00 UTC"');
    expect(full).toContain('<title>2026-03-01 01:00 UTC: 3 (1 point)</title>');
    expect(full).toContain('<title>2026-03-01 02:00 UTC: 0 (0 points)</title>');
    expect(full).toContain('hx-trigger="realtime:dataset.ready from:body, realtime:dataset.deleted from:body"');

    const res = await page(viewer, tenant.id, `/app/analytics/chart?${query}`, true);
    const partial = await html(res);
    expect(partial).toMatch(/^<section id="analytics-chart"/);
    expect(res.headers.get('hx-push-url')).toBe(`/app/analytics?${query.replace(/:/g, '%3A')}`);
  });

  it('explains bad input in place instead of failing', async () => {
    const { viewer, tenant } = await team(atoll, 'exb');
    const tooMany = await html(await page(viewer, tenant.id, '/app/analytics/chart?metric=cpu&last=365d&bucket=minute', true));
    expect(tooMany).toContain('class="chart-error" role="alert"');
    expect(tooMany).toContain('buckets');
    const backwards = await html(await page(viewer, tenant.id, '/app/analytics/chart?metric=cpu&last=custom&from=2026-03-02T00:00&to=2026-03-01T00:00', true));
    expect(backwards).toContain('`to` must be after `from`');
    const impossible = await html(await page(viewer, tenant.id, '/app/analytics/chart?metric=cpu&last=custom&from=2026-13-01T00:00&to=2026-03-01T00:00', true));
    expect(impossible).toContain('must be real dates and times');
    const junk = await html(await page(viewer, tenant.id, '/app/analytics?bucket=year&agg=median'));
    expect(junk).toContain('Ignored invalid bucket, agg');
  });
});
