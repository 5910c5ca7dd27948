import { describe, expect, it, vi } from 'vitest';
import { send } from '../../test/worker/harness';
import type { SignedUp } from '../../test/worker/identity';
import { bootDatasets, newDataset, team } from './testing';
import { htmlOf as html } from '../../test/worker/pages';

vi.setConfig({ testTimeout: 60_000 });
const atoll = await bootDatasets();

const page = (user: SignedUp, tenant: string, path: string) => send(atoll, path, { headers: { authorization: `Bearer ${user.accessToken}`, 'x-tenant-id': tenant } });

describe('datasets pages', () => {
  it('lists datasets with live-status hooks; members get the upload form, viewers do not', async () => {
    const t = await team(atoll, 'pages');
    const { dataset } = await newDataset(atoll, t.member, t.tenant.id);
    const forMember = await html(await page(t.member, t.tenant.id, '/app/datasets'));
    expect(forMember).toContain('data-realtime-topics="datasets"');
    expect(forMember).toContain('id="dataset-upload"');
    expect(forMember).toContain('<script src="/static/datasets.js" defer="">');
    expect(forMember).toContain(`id="dataset-${dataset.id}"`);
    expect(forMember).toContain(`href="/app/datasets/${dataset.id}"`);
    expect(forMember).toMatch(/<a href="\/app\/datasets"[^>]*>Datasets<\/a>/);
    const forViewer = await html(await page(t.viewer, t.tenant.id, '/app/datasets'));
    expect(forViewer).not.toContain('id="dataset-upload"');
    expect(forViewer).toContain(`id="dataset-${dataset.id}"`);
  });

  it('serves one row as a partial for the live list, only within the tenant', async () => {
    const t = await team(atoll, 'rows');
    const other = await team(atoll, 'other');
    const { dataset } = await newDataset(atoll, t.member, t.tenant.id);
    const row = await html(await page(t.viewer, t.tenant.id, `/app/datasets/${dataset.id}/row`));
    expect(row.startsWith(`<tr id="dataset-${dataset.id}"`), row).toBe(true);
    expect(row).toContain('data-status="created"');
    expect(row).not.toContain('<html');
    expect((await page(other.owner, other.tenant.id, `/app/datasets/${dataset.id}/row`)).status).toBe(404);
  });
});
