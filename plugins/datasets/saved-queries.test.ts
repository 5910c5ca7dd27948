import { describe, expect, it, vi } from 'vitest';
import { send } from '../../test/worker/harness';
import { htmlOf as html, pageClient } from '../../test/worker/pages';
import { bootDatasets, call, ingested, team, uniqueName } from './testing';

vi.setConfig({ testTimeout: 60_000 });
const atoll = await bootDatasets();
const page = pageClient(atoll);
const P = '/api/v1/datasets/saved-queries';

describe('saved SQL queries (API)', () => {
  it('saves for the tenant (member), lists by name with a cursor (viewer), refuses a taken name and deletes', async () => {
    const t = await team(atoll, 'saved');
    const b = await call(atoll, 'POST', P, t.member, { tenant: t.tenant.id, body: { name: ' beta ', sql: 'select 2' }, status: 201 });
    expect(b).toMatchObject({ name: 'beta', sql: 'select 2', createdBy: t.member.userId });
    expect(b.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const a = await call(atoll, 'POST', P, t.owner, { tenant: t.tenant.id, body: { name: 'Alpha', sql: 'select 1' }, status: 201 });
    await call(atoll, 'POST', P, t.member, { tenant: t.tenant.id, body: { name: 'ALPHA', sql: 'select 3' }, status: 409, code: 'DATASETS_SAVED_QUERY_NAME_TAKEN' });

    const first = await call(atoll, 'GET', `${P}?limit=1`, t.viewer, { tenant: t.tenant.id, status: 200 });
    expect(first.items).toEqual([a]);
    const next = await call(atoll, 'GET', `${P}?limit=1&cursor=${first.nextCursor}`, t.viewer, { tenant: t.tenant.id, status: 200 });
    expect(next).toEqual({ items: [b], nextCursor: null });

    await call(atoll, 'DELETE', `${P}/${a.id}`, t.member, { tenant: t.tenant.id, status: 204 });
    await call(atoll, 'DELETE', `${P}/${a.id}`, t.member, { tenant: t.tenant.id, status: 404, code: 'DATASETS_SAVED_QUERY_NOT_FOUND' });
    expect((await call(atoll, 'GET', P, t.viewer, { tenant: t.tenant.id, status: 200 })).items).toEqual([b]);
  });

  it('refuses a bad body with 400 naming the field, and a foreign cursor', async () => {
    const t = await team(atoll, 'saved-bad');
    const field = async (body: unknown) => (await call(atoll, 'POST', P, t.member, { tenant: t.tenant.id, body, status: 400, code: 'KERNEL_VALIDATION' })).errors.map((e: { path: string }) => e.path);
    expect(await field({ name: '  ', sql: 'select 1' })).toEqual(['name']);
    expect(await field({ name: 'x'.repeat(101), sql: 'select 1' })).toEqual(['name']);
    expect(await field({ name: 'nul', sql: 'select \u0000' })).toEqual(['sql']);
    expect(await field({ name: 'long', sql: 's'.repeat(20_001) })).toEqual(['sql']);
    expect(await field({ name: 'none' })).toEqual(['sql']);
    await call(atoll, 'GET', `${P}?cursor=nonsense`, t.viewer, { tenant: t.tenant.id, status: 400, code: 'DATASETS_INVALID_CURSOR' });
    await call(atoll, 'DELETE', `${P}/not-a-uuid`, t.member, { tenant: t.tenant.id, status: 400, code: 'KERNEL_VALIDATION' });
  });

  it('needs a member to write (viewer 403), a signed-in caller (401), and hides other tenants (404)', async () => {
    const t = await team(atoll, 'saved-sec');
    const other = await team(atoll, 'saved-other');
    const saved = await call(atoll, 'POST', P, t.member, { tenant: t.tenant.id, body: { name: 'mine', sql: 'select 1' }, status: 201 });
    await call(atoll, 'POST', P, t.viewer, { tenant: t.tenant.id, body: { name: 'x', sql: 'select 1' }, status: 403, code: 'KERNEL_FORBIDDEN' });
    await call(atoll, 'DELETE', `${P}/${saved.id}`, t.viewer, { tenant: t.tenant.id, status: 403, code: 'KERNEL_FORBIDDEN' });
    await call(atoll, 'GET', P, null, { tenant: t.tenant.id, status: 401 });
    await call(atoll, 'GET', P, other.owner, { tenant: t.tenant.id, status: 404 });
    expect((await call(atoll, 'GET', P, other.owner, { tenant: other.tenant.id, status: 200 })).items).toEqual([]);
    await call(atoll, 'DELETE', `${P}/${saved.id}`, other.owner, { tenant: other.tenant.id, status: 404, code: 'DATASETS_SAVED_QUERY_NOT_FOUND' });
    expect((await call(atoll, 'GET', P, t.viewer, { tenant: t.tenant.id, status: 200 })).items).toEqual([saved]);
  });

  it('documents the routes', async () => {
    const doc = JSON.parse(await (await send(atoll, '/api/openapi.json')).text());
    expect(Object.keys(doc.paths[P]).sort()).toEqual(['get', 'post']);
    expect(doc.paths[P].post.operationId).toBe('datasets.saveQuery');
    expect(doc.paths[`${P}/{id}`].delete.operationId).toBe('datasets.deleteSavedQuery');
  });
});

describe('SQL console pages', () => {
  it('saves from the form, opens a saved query by id (only in its tenant) and deletes it', async () => {
    const t = await team(atoll, 'console-saved');
    const other = await team(atoll, 'console-other');
    const saved = await page(t.member, t.tenant.id, '/app/datasets/sql/saved', { sql: 'select 41 + 1 as answer', name: 'Answer' });
    expect(saved.status, await saved.clone().text()).toBe(303);
    const location = saved.headers.get('location')!;
    expect(location).toMatch(/^\/app\/datasets\/sql\?saved=[0-9a-f-]{36}$/);
    const opened = await html(await page(t.viewer, t.tenant.id, location));
    expect(opened).toContain('>select 41 + 1 as answer</textarea>');
    expect(opened).toMatch(/<a href="\/app\/datasets\/sql\?saved=[0-9a-f-]{36}" aria-current="true"[^>]*>Answer<\/a>/);
    expect((await page(other.owner, other.tenant.id, location)).status).toBe(404);
    // Viewers see saved queries but not the controls to save or delete them.
    expect(opened).not.toContain('id="sql-save"');
    expect(opened).not.toContain('/delete"');
    const forMember = await html(await page(t.member, t.tenant.id, location));
    expect(forMember).toContain('id="sql-save"');
    expect(forMember).toContain(`action="/app/datasets/sql/saved/${location.split('=')[1]}/delete"`);

    expect(await html(await page(t.member, t.tenant.id, '/app/datasets/sql/saved', { sql: 'select 1', name: 'answer' }), 409)).toContain('DATASETS_SAVED_QUERY_NAME_TAKEN');
    expect(await html(await page(t.member, t.tenant.id, '/app/datasets/sql/saved', { sql: 'select 1', name: '' }), 400)).toMatch(/KERNEL_VALIDATION[\s\S]*name/);
    expect((await page(t.viewer, t.tenant.id, '/app/datasets/sql/saved', { sql: 'select 1', name: 'viewer' })).status).toBe(403);
    const id = location.split('=')[1];
    expect((await page(other.owner, other.tenant.id, `/app/datasets/sql/saved/${id}/delete`, {})).status).toBe(404);
    expect((await page(t.member, t.tenant.id, '/app/datasets/sql/saved/nope/delete', {})).status).toBe(404);
    const deleted = await page(t.member, t.tenant.id, `/app/datasets/sql/saved/${id}/delete`, {});
    expect(deleted.status).toBe(303);
    expect(await html(await page(t.viewer, t.tenant.id, '/app/datasets/sql'))).not.toContain('>Answer</a>');
  });

  it('renders numbers right-aligned and grouped, errors with their position, and the schema for completion', async () => {
    const t = await team(atoll, 'console-run');
    const name = uniqueName('sales');
    await ingested(atoll, t.member, t.tenant.id, 'region,amount\nnorth,1234567\n', { name, kind: 'table' });
    const console = await html(await page(t.viewer, t.tenant.id, '/app/datasets/sql'));
    expect(console).toContain(
      `data-schema="{&quot;${name}&quot;:[{&quot;name&quot;:&quot;region&quot;,&quot;type&quot;:&quot;text&quot;},{&quot;name&quot;:&quot;amount&quot;,&quot;type&quot;:&quot;integer&quot;}]}"`,
    );
    expect(console).toContain('<script src="/static/vendor/codemirror.js" defer="">');
    const ran = await html(await page(t.viewer, t.tenant.id, '/app/datasets/sql', { sql: `select region, amount from ${name}` }, true));
    expect(ran).toContain('<td class="num">1,234,567</td>');
    expect(ran).toContain('<td>north</td>');
    const refused = await html(await page(t.viewer, t.tenant.id, '/app/datasets/sql', { sql: `select nope from ${name}` }, true));
    expect(refused).toMatch(/data-code="DATASETS_SQL_UNKNOWN_COLUMN" data-position="8"/);
  });

  it('downloads a result as CSV by running the query again, refusing what the console refuses', async () => {
    const t = await team(atoll, 'console-csv');
    const other = await team(atoll, 'console-csv-other');
    const name = uniqueName('sales');
    await ingested(atoll, t.member, t.tenant.id, 'region,amount\n"north, east",1234567\n=cmd,-2\n', { name, kind: 'table' });
    const res = await page(t.viewer, t.tenant.id, '/app/datasets/sql/csv', { sql: `select region, amount from ${name}` });
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="query.csv"');
    expect(await html(res)).toBe('region,amount\r\n"north, east",1234567\r\n\'=cmd,-2\r\n');
    expect(await html(await page(t.viewer, t.tenant.id, '/app/datasets/sql/csv', { sql: 'delete from x' }), 400)).toContain('DATASETS_SQL_NOT_SELECT');
    expect(await html(await page(other.owner, other.tenant.id, '/app/datasets/sql/csv', { sql: `select * from ${name}` }), 400)).toContain('DATASETS_SQL_UNKNOWN_DATASET');
  });
});
