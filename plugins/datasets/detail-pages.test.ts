import { describe, expect, it, vi } from 'vitest';
import { bootApp, send } from '../../test/worker/harness';
import { authTestEnv } from '../../test/worker/identity';
import { htmlOf as html, pageClient } from '../../test/worker/pages';
import { authPlugin } from '../auth';
import { jobsPlugin } from '../jobs';
import { tenantsPlugin } from '../tenants';
import { datasetsPlugin } from '.';
import { SALES_COLUMNS, seedMetric, seedTable } from './services/reads/testing';
import { bootDatasets, team } from './testing';

vi.setConfig({ testTimeout: 30_000 });
const atoll = await bootDatasets();
const page = pageClient(atoll);

describe('dataset detail page', () => {
  it('shows status, counts, schema summary, preview, row errors and links', async () => {
    const t = await team(atoll, 'dp');
    const sales = await seedTable(atoll, t.tenant.id, {
      name: 'shop_sales',
      columns: SALES_COLUMNS,
      rows: [
        ['north', '10', '1.5', 'true', '2024-01-01T00:00:00Z'],
        ['<b>south</b>', null, null, null, null],
      ],
      rowErrors: [{ line: 4, message: 'amount: not an integer' }],
    });
    const text = await html(await page(t.viewer, t.tenant.id, `/app/datasets/${sales.id}`));
    expect(text).toContain('<h2 id="dataset-title">shop_sales</h2>');
    expect(text).toContain('<strong>ready</strong>');
    expect(text).not.toContain('data-realtime-topics');
    expect(text).toContain('2 rows · 1 skipped');
    expect(text).toContain(`hx-get="/app/datasets/${sales.id}/summary"`);
    const summary = await html(await page(t.viewer, t.tenant.id, `/app/datasets/${sales.id}/summary`, undefined, true));
    expect(summary).toMatch(/<table id="dataset-summary">[\s\S]*<td>amount<\/td><td>integer<\/td><td>1<\/td><td>1<\/td>/);
    expect(text).toMatch(/<table id="dataset-preview">[\s\S]*<td>north<\/td><td>10<\/td><td>1.5<\/td><td>true<\/td><td>2024-01-01T00:00:00Z<\/td>/);
    expect(text).toContain('&lt;b&gt;south&lt;/b&gt;');
    expect(text).toMatch(/<section id="dataset-row-errors">[\s\S]*<td>4<\/td><td>amount: not an integer<\/td>/);
    expect(text).toContain(`href="/api/v1/datasets/${sales.id}/export?format=csv"`);
    expect(text).toContain('href="/app/datasets/sql?sql=select%20*%20from%20shop_sales%20limit%20100"');
    expect(text).not.toContain('id="dataset-jobs"');
  });

  it('links to the jobs form when the jobs plugin is installed', async () => {
    const withJobs = await bootApp([authPlugin(), tenantsPlugin(), datasetsPlugin(), jobsPlugin()], await authTestEnv());
    const t = await team(withJobs, 'dpj');
    const sales = await seedTable(withJobs, t.tenant.id, { name: 'job_sales', columns: SALES_COLUMNS, rows: [['north', '1', '1', 'true', '2024-01-01T00:00:00Z']] });
    const res = await send(withJobs, `/app/datasets/${sales.id}`, { headers: { authorization: `Bearer ${t.viewer.accessToken}`, 'x-tenant-id': t.tenant.id } });
    expect(await html(res)).toContain(`<a id="dataset-jobs" href="/app/jobs/new?datasetId=${sales.id}">`);
  });

  it('refreshes the status of a dataset being ingested, and reloads once it is done', async () => {
    const t = await team(atoll, 'dps');
    const pending = await seedTable(atoll, t.tenant.id, { columns: SALES_COLUMNS, rows: [], status: 'ingesting' });
    const text = await html(await page(t.viewer, t.tenant.id, `/app/datasets/${pending.id}`));
    expect(text).toContain(`hx-get="/app/datasets/${pending.id}/status"`);
    expect(text).toContain('hx-trigger="dataset-changed"');
    expect(text).toContain('data-realtime-topics="datasets"');
    expect(text).not.toContain('id="dataset-preview"');
    const busy = await page(t.viewer, t.tenant.id, `/app/datasets/${pending.id}/status`, undefined, true);
    expect(await html(busy)).toContain('<strong>ingesting</strong>');
    expect(busy.headers.get('hx-refresh')).toBeNull();
    const metric = await seedMetric(atoll, t.tenant.id, []);
    const done = await page(t.viewer, t.tenant.id, `/app/datasets/${metric.id}/status`, undefined, true);
    await html(done);
    expect(done.headers.get('hx-refresh')).toBe('true');
  });

  it("is not found for another tenant's dataset or a bad id", async () => {
    const a = await team(atoll, 'dpa');
    const b = await team(atoll, 'dpb');
    const sales = await seedTable(atoll, a.tenant.id, { columns: SALES_COLUMNS, rows: [] });
    await html(await page(b.owner, b.tenant.id, `/app/datasets/${sales.id}`), 404);
    await html(await page(b.owner, a.tenant.id, `/app/datasets/${sales.id}`), 404);
    await html(await page(a.owner, a.tenant.id, '/app/datasets/not-a-uuid'), 404);
  });
});

describe('SQL console', () => {
  it('lists datasets, runs a query and shows the result or the refusal', async () => {
    const t = await team(atoll, 'sqlp');
    await seedTable(atoll, t.tenant.id, {
      name: 'orders',
      columns: [
        { name: 'region', type: 'text' },
        { name: 'amount', type: 'integer' },
      ],
      rows: [
        ['north', '3'],
        ['north', '4'],
        ['south', '1'],
      ],
    });
    const other = await team(atoll, 'sqlq');
    await seedTable(atoll, other.tenant.id, { name: 'theirs', columns: [{ name: 'x', type: 'text' }], rows: [['secret']] });

    const console = await html(await page(t.viewer, t.tenant.id, '/app/datasets/sql?sql=select+1'));
    expect(console).toContain('href="/app/datasets/sql"');
    expect(console).toMatch(/<textarea id="sql-text"[^>]*>select 1<\/textarea>/);
    expect(console).toContain('<code>orders</code>');
    expect(console).toContain('region text, amount integer');
    expect(console).not.toContain('theirs');

    const ran = await html(await page(t.viewer, t.tenant.id, '/app/datasets/sql', { sql: 'select region, sum(amount) as total from orders group by 1 order by 1' }, true));
    expect(ran).toContain('2 rows in');
    expect(ran).toMatch(/<table id="sql-rows">[\s\S]*<td>north<\/td><td class="num">7<\/td>[\s\S]*<td>south<\/td><td class="num">1<\/td>/);

    const refused = await html(await page(t.viewer, t.tenant.id, '/app/datasets/sql', { sql: 'select * from theirs' }, true));
    expect(refused).toContain('data-code="DATASETS_SQL_UNKNOWN_DATASET"');
    expect(refused).not.toContain('secret');
    expect(await html(await page(t.viewer, t.tenant.id, '/app/datasets/sql', { sql: 'drop table orders' }))).toContain('DATASETS_SQL_NOT_SELECT');
  });

  it('sends signed-out browsers to the login page', async () => {
    const res = await send(atoll, '/app/datasets/sql');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/app/login?next=%2Fapp%2Fdatasets%2Fsql');
  });
});
