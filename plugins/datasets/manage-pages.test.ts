import { sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { htmlOf as html, pageClient } from '../../test/worker/pages';
import { SALES_COLUMNS, seedTable } from './services/reads/testing';
import { bootDatasets, call, inTenant, team, uniqueName } from './testing';

vi.setConfig({ testTimeout: 30_000 });
const atoll = await bootDatasets();
const page = pageClient(atoll);

const WARNING = { column: 'amount', likelyType: 'integer', badCells: 1, samples: [{ line: 3, value: 'twelve' }] };

describe('managing a dataset from its page', () => {
  it('shows column warnings to everyone, and the forms by role: members manage, admins also delete', async () => {
    const t = await team(atoll, 'mp');
    const sales = await seedTable(atoll, t.tenant.id, { columns: SALES_COLUMNS, rows: [['north', '10', '1.5', 'true', '2024-01-01T00:00:00Z']] });
    await inTenant(atoll, t.tenant.id, (tx) => tx.execute(sql`update datasets set column_warnings = ${JSON.stringify([WARNING])}::jsonb where id = ${sales.id}`));
    const path = `/app/datasets/${sales.id}`;
    const viewer = await html(await page(t.viewer, t.tenant.id, path));
    expect(viewer).toMatch(/<section id="dataset-column-warnings"[\s\S]*<strong>amount<\/strong> looks like an integer, but 1 cell is not: line 3 <code>twelve<\/code>/);
    expect(viewer).not.toContain('id="dataset-settings"');
    expect(viewer).not.toContain('id="dataset-column-types"');
    const member = await html(await page(t.member, t.tenant.id, path));
    expect(member).toContain(`<form class="stack" method="post" action="${path}" id="dataset-settings">`);
    expect(member).toContain('name="type:amount"');
    expect(member).toContain('id="dataset-reingest"');
    expect(member).not.toContain('id="dataset-delete"');
    expect(await html(await page(t.owner, t.tenant.id, path))).toContain('id="dataset-delete"');
  });

  it('renames and sets column types through the forms; viewers are refused and bad input is a 400', async () => {
    const t = await team(atoll, 'mpf');
    const sales = await seedTable(atoll, t.tenant.id, { columns: SALES_COLUMNS, rows: [] });
    const path = `/app/datasets/${sales.id}`;
    const name = uniqueName('renamed');
    const res = await page(t.member, t.tenant.id, path, { name, description: 'Sales', kind: 'table' }, true);
    expect(res.status, await res.clone().text()).toBe(204);
    expect(res.headers.get('hx-redirect')).toBe(path);
    expect(await call(atoll, 'GET', `/api/v1/datasets/${sales.id}`, t.viewer, { tenant: t.tenant.id, status: 200 })).toMatchObject({ name, description: 'Sales', kind: 'table' });
    expect(await html(await page(t.member, t.tenant.id, path, { name: '1 bad', kind: 'table' }, true), 400)).toContain('name');
    expect(await html(await page(t.member, t.tenant.id, `${path}/columns`, { 'type:nope': 'integer' }, true), 400)).toContain('DATASETS_UNKNOWN_COLUMN');
    expect(await html(await page(t.member, t.tenant.id, `${path}/columns`, { 'type:amount': 'money' }, true), 400)).toContain('type:amount');
    await html(await page(t.viewer, t.tenant.id, path, { name: uniqueName(), kind: 'table' }, true), 403);
    await html(await page(t.member, t.tenant.id, `${path}/delete`, {}, true), 403);
  });
});
