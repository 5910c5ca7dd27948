import { describe, expect, it, vi } from 'vitest';
import { bootDatasets, call, team } from './testing';

vi.setConfig({ testTimeout: 30_000 });
const atoll = await bootDatasets({ DATASETS_SQL_RATE_PER_MINUTE: '2' });

describe('read-only SQL rate', () => {
  it('refuses a tenant over DATASETS_SQL_RATE_PER_MINUTE with 429 and counts tenants apart', async () => {
    const a = await team(atoll, 'sra');
    const b = await team(atoll, 'srb');
    const query = (who: typeof a.viewer, tenant: string, status: number) => call(atoll, 'POST', '/api/v1/datasets/query', who, { tenant, body: { sql: 'select 1 as one' }, status });
    expect((await query(a.viewer, a.tenant.id, 200)).rows).toEqual([[1]]);
    await query(a.member, a.tenant.id, 200);
    const refused = await query(a.viewer, a.tenant.id, 429);
    expect(refused.code).toBe('DATASETS_SQL_RATE_LIMITED');
    await query(b.viewer, b.tenant.id, 200);
  });
});
