import { beforeAll, describe, expect, it } from 'vitest';
import { ownerWithTenant } from '../../test/worker/seed';
import type { AtollApp } from '../../worker/app';
import { api, bootFiles, q, rawRequest, upload } from './testing';

let atoll: AtollApp;
beforeAll(async () => {
  atoll = await bootFiles();
});

const content = (path: string) => `/api/v1/files/content?path=${q(path)}`;

describe('GET/HEAD /api/v1/files/content and GET /api/v1/files/metadata', () => {
  it('streams the file with its type, length and an attachment disposition', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    await upload(atoll, owner, tenant.id, 'reports/Q1 résumé.csv', 'a,b\n1,2\n', { type: 'text/csv' });
    const res = await rawRequest(atoll, 'GET', content('reports/Q1 résumé.csv'), owner, tenant.id);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv');
    expect(res.headers.get('content-length')).toBe('8');
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="Q1 r_sum_.csv"; filename*=UTF-8''Q1%20r%C3%A9sum%C3%A9.csv`);
    expect(await res.text()).toBe('a,b\n1,2\n');
  });

  it('serves byte ranges (206 with Content-Range) and refuses ranges past the end (416)', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    await upload(atoll, owner, tenant.id, 'digits.txt', '0123456789');
    const part = await rawRequest(atoll, 'GET', content('digits.txt'), owner, tenant.id, { range: 'bytes=2-5' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 2-5/10');
    expect(part.headers.get('content-length')).toBe('4');
    expect(await part.text()).toBe('2345');
    const tail = await rawRequest(atoll, 'GET', content('digits.txt'), owner, tenant.id, { range: 'bytes=-3' });
    expect(tail.status).toBe(206);
    expect(await tail.text()).toBe('789');
    const open = await rawRequest(atoll, 'GET', content('digits.txt'), owner, tenant.id, { range: 'bytes=8-' });
    expect(await open.text()).toBe('89');
    const past = await rawRequest(atoll, 'GET', content('digits.txt'), owner, tenant.id, { range: 'bytes=10-20' });
    const problem = await past.json<any>();
    expect(past.status, JSON.stringify(problem)).toBe(416);
    expect(past.headers.get('content-range')).toBe('bytes */10');
    expect(problem.code).toBe('FILES_RANGE_NOT_SATISFIABLE');
    const several = await rawRequest(atoll, 'GET', content('digits.txt'), owner, tenant.id, { range: 'bytes=0-1,3-4' });
    expect(several.status).toBe(200);
    expect(await several.text()).toBe('0123456789');
  });

  it('answers HEAD with the headers only, and the metadata route with JSON', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    await upload(atoll, owner, tenant.id, 'm/data.json', '{"a":1}', { type: 'application/json' });
    const head = await rawRequest(atoll, 'HEAD', content('m/data.json'), owner, tenant.id);
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('7');
    expect(head.headers.get('content-type')).toBe('application/json');
    expect(await head.text()).toBe('');
    const meta = await api(atoll, 'GET', `/api/v1/files/metadata?path=${q('m/data.json')}`, owner, { tenant: tenant.id, status: 200 });
    expect(meta).toMatchObject({ path: 'm/data.json', size: 7, contentType: 'application/json' });
    expect(meta.etag).toMatch(/^[0-9a-f]{32}$/);
    expect(new Date(meta.lastModified).getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('answers 404 for a missing file and 400 for a bad path', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    await api(atoll, 'GET', content('nope.txt'), owner, { tenant: tenant.id, status: 404, code: 'FILES_NOT_FOUND' });
    expect((await rawRequest(atoll, 'HEAD', content('nope.txt'), owner, tenant.id)).status).toBe(404);
    await api(atoll, 'GET', `/api/v1/files/metadata?path=nope`, owner, { tenant: tenant.id, status: 404, code: 'FILES_NOT_FOUND' });
    await api(atoll, 'GET', '/api/v1/files/content', owner, { tenant: tenant.id, status: 400, code: 'KERNEL_VALIDATION' });
    const bad = await api(atoll, 'GET', content('a/../b'), owner, { tenant: tenant.id, status: 400, code: 'FILES_INVALID_PATH' });
    expect(bad.errors).toEqual([expect.objectContaining({ location: 'query', path: 'path' })]);
  });
});
