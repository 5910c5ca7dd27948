import { describe, expect, it, vi } from 'vitest';
import { bootProjects } from '../projects/testing';
import { call, teamWithProject } from './testing';

vi.setConfig({ testTimeout: 30_000 });
const atoll = await bootProjects();

describe('ill-formed Unicode in artifact names and tags', () => {
  it('is a 400 naming the field (the name becomes the download file name at S3)', async () => {
    const { member, tenant, project } = await teamWithProject(atoll, 'uni');
    const create = (body: Record<string, unknown>) =>
      call(atoll, 'POST', `/api/v1/projects/${project.id}/artifacts`, member, {
        tenant: tenant.id,
        body: JSON.stringify({ name: 'ok', kind: 'file', ...body }),
        status: 400,
        code: 'KERNEL_VALIDATION',
      });
    const byName = await create({ name: 'model\ud800' });
    expect(byName.errors).toEqual([expect.objectContaining({ location: 'body', path: 'name', message: expect.stringContaining('well-formed Unicode') })]);
    const byTag = await create({ tags: ['ok', '\udfff'] });
    expect(byTag.errors).toEqual([expect.objectContaining({ location: 'body', path: 'tags.1' })]);
  });
});
