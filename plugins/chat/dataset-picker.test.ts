import { describe, expect, it, vi } from 'vitest';
import { htmlOf, pageClient } from '../../test/worker/pages';
import { ingested, newDataset } from '../datasets/testing';
import { bootAll, call, team } from './run-testing';

vi.setConfig({ testTimeout: 60_000 });
const atoll = await bootAll();
const page = pageClient(atoll);

describe('chat pages with the datasets plugin', () => {
  it("offers the tenant's ready datasets (through datasets_list) and starts a chat about the chosen one", async () => {
    const t = await team(atoll, 'chat-picker');
    const other = await team(atoll, 'chat-picker-other');
    const ready = await ingested(atoll, t.member, t.tenant.id, 'metric,value,timestamp\ncpu,1,2024-01-01T00:00:00Z\n');
    expect(ready.status, JSON.stringify(ready)).toBe('ready');
    const { dataset: waiting } = await newDataset(atoll, t.member, t.tenant.id);

    const list = await htmlOf(await page(t.viewer, t.tenant.id, '/app/chat'));
    expect(list).toContain(`<option value="${ready.id}">${ready.name}</option>`);
    expect(list).not.toContain(waiting.id);
    expect(await htmlOf(await page(other.viewer, other.tenant.id, '/app/chat'))).not.toContain(ready.id);
    expect(await htmlOf(await page(t.owner, t.tenant.id, '/app/chat/assistants'))).toContain(`<option value="${ready.id}">${ready.name}</option>`);

    const started = await page(t.viewer, t.tenant.id, '/app/chat', { datasetIds: ready.id });
    expect(started.status, await started.clone().text()).toBe(303);
    const sessionPath = started.headers.get('location')!.replace('/app/chat/', '/api/v1/chat/sessions/');
    const session = await call(atoll, 'GET', sessionPath, t.viewer, { tenant: t.tenant.id, status: 200 });
    expect(session.datasetIds).toEqual([ready.id]);
  });
});
