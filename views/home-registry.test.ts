import type { Context } from 'hono';
import { describe, expect, it } from 'vitest';
import { HomeRegistry } from './home-registry';

const warnings: unknown[] = [];
const c = { get: (key: string) => (key === 'logger' ? { warn: (_m: string, f: unknown) => void warnings.push(f) } : undefined) } as unknown as Context;
const at = (minute: number) => `2026-12-07T10:${String(minute).padStart(2, '0')}:00.000Z`;

describe('HomeRegistry', () => {
  it('orders the steps of every source, keeps the newest recent items, and leaves out a failing source', async () => {
    const home = new HomeRegistry();
    home.addSource(async () => ({
      steps: [
        { order: 60, label: 'Invite', href: '/i', done: false },
        { order: 10, label: 'Tenant', href: '/t', done: true },
      ],
    }));
    home.addSource(async () => {
      throw new Error('down');
    });
    home.addSource(async (_c, tenant) => ({
      steps: [{ order: 20, label: `Upload in ${tenant?.slug}`, href: '/d', done: false }],
      recent: Array.from({ length: 10 }, (_, i) => ({ kind: 'Dataset', label: `d${i}`, href: `/d/${i}`, at: at(i) })),
    }));
    const content = await home.collect(c, { id: 't1', slug: 'acme', role: 'owner' });
    expect(content.steps.map((s) => s.label)).toEqual(['Tenant', 'Upload in acme', 'Invite']);
    expect(content.recent.map((r) => r.label)).toEqual(['d9', 'd8', 'd7', 'd6', 'd5', 'd4', 'd3', 'd2']);
    expect(warnings).toHaveLength(1);
  });
});
