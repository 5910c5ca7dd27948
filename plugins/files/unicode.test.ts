import { beforeAll, describe, expect, it } from 'vitest';
import { ownerWithTenant } from '../../test/worker/seed';
import type { AtollApp } from '../../worker/app';
import { api, bootFiles } from './testing';

let atoll: AtollApp;
beforeAll(async () => {
  atoll = await bootFiles();
});

// A lone surrogate reaches us only through JSON escapes; S3 key signing throws on it (was a 503).
const LONE = 'a\ud800';

describe('ill-formed Unicode in file paths', () => {
  it('is a 400 FILES_INVALID_PATH naming the field, in every JSON body', async () => {
    const { owner, tenant } = await ownerWithTenant(atoll);
    const cases: [string, string, unknown, string][] = [
      ['POST', '/api/v1/files/folders', { path: LONE }, 'path'],
      ['POST', '/api/v1/files/presign-upload', { path: LONE, size: 1 }, 'path'],
      ['POST', '/api/v1/files/presign-download', { path: LONE }, 'path'],
      ['POST', '/api/v1/files/copy', { from: 'x.txt', to: `${LONE}.txt` }, 'to'],
      ['POST', '/api/v1/files/move', { from: '\udc00x', to: 'y.txt' }, 'from'],
      ['POST', '/api/v1/files/delete', { paths: ['ok.txt', LONE] }, 'paths.1'],
    ];
    for (const [method, path, body, field] of cases) {
      const problem = await api(atoll, method, path, owner, { tenant: tenant.id, body: JSON.stringify(body), status: 400, code: 'FILES_INVALID_PATH' });
      expect(problem.errors, path).toEqual([expect.objectContaining({ location: 'body', path: field, message: expect.stringContaining('well-formed Unicode') })]);
    }
  });
});
