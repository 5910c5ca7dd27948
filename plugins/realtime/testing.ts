// Test helpers for the realtime plugin (not a test file itself).
import { coreServices, definePlugin, type RealtimeEvent, type RealtimePublisher } from 'atoll/plugin';
import { expect } from 'vitest';
import { bootApp, send } from '../../test/worker/harness';
import { authTestEnv, type SignedUp } from '../../test/worker/identity';
import { memberOf, ownerWithTenant } from '../../test/worker/seed';
import type { AtollApp } from '../../worker/app';
import { authPlugin } from '../auth';
import { tenantsPlugin } from '../tenants';
import { call } from '../tenants/testing';
import { realtimePlugin } from '.';

export { call, memberOf, ownerWithTenant };

/** The kernel's realtime service, as a plugin sees it (captured by a fixture plugin at setup). */
export const publisher: { current?: RealtimePublisher } = {};
const publisherProbe = definePlugin(() => ({
  id: 'realtime-probe',
  version: '0.1.0',
  setup: (ctx) => void (publisher.current = ctx.service(coreServices.realtime)),
}));

export const bootRealtime = async (): Promise<AtollApp> => bootApp([authPlugin(), tenantsPlugin(), realtimePlugin(), publisherProbe()], await authTestEnv());

/** A tenant with its owner and a viewer. */
export async function realtimeTeam(atoll: AtollApp, label = 'rt') {
  const { owner, tenant } = await ownerWithTenant(atoll, label);
  const viewer = await memberOf(atoll, tenant.id, owner, 'viewer');
  return { owner, viewer, tenant };
}

/** A ticket for `who` in `tenantId`, optionally for some topics. */
export const ticketFor = async (atoll: AtollApp, who: SignedUp | string, tenantId: string, topics?: string[]): Promise<{ ticket: string; url: string; expiresAt: string }> =>
  call(atoll, 'POST', '/api/v1/realtime/tickets', who, { tenant: tenantId, body: topics ? { topics } : {}, status: 201 });

/** A connected test client: every message it received, and a way to wait for the next ones. */
export interface Client {
  ws: WebSocket;
  messages: any[];
  /** Events with an id (hub messages such as `realtime.ready` excluded unless they carry one). */
  events(): RealtimeEvent[];
  /** Resolves with the first message (already received or coming) that matches. */
  waitFor(match: (message: any) => boolean, what?: string): Promise<any>;
  /** Closes the socket and waits until the hub has closed it too. */
  close(): Promise<void>;
}

/** Opens the realtime WebSocket through the app and waits for the hub's `realtime.ready`. */
export async function connect(atoll: AtollApp, url: string, params: { topics?: string; lastEventId?: number } = {}): Promise<Client> {
  const query = new URLSearchParams();
  if (params.topics !== undefined) query.set('topics', params.topics);
  if (params.lastEventId !== undefined) query.set('lastEventId', String(params.lastEventId));
  const res = await send(atoll, `${url}${query.size > 0 ? `&${query}` : ''}`, { headers: { upgrade: 'websocket' } });
  expect(res.status, await (res.status === 101 ? Promise.resolve('') : res.clone().text())).toBe(101);
  const ws = res.webSocket!;
  const messages: any[] = [];
  const waiters = new Set<() => void>();
  let closed = false;
  ws.addEventListener('message', (e) => {
    messages.push(JSON.parse(e.data as string));
    for (const wake of waiters) wake();
  });
  ws.addEventListener('close', () => {
    closed = true;
    for (const wake of waiters) wake();
  });
  ws.accept();
  const client: Client = {
    ws,
    messages,
    events: () => messages.filter((m) => typeof m.id === 'number'),
    waitFor: (match, what = 'a matching message') =>
      new Promise((resolve, reject) => {
        const check = () => {
          const found = messages.find(match);
          if (found !== undefined || closed) {
            waiters.delete(check);
            clearTimeout(timer);
            if (found !== undefined) resolve(found);
            else reject(new Error(`socket closed before ${what}; got ${JSON.stringify(messages)}`));
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no ${what} within 10 s; got ${JSON.stringify(messages)}`));
        }, 10_000);
        waiters.add(check);
        check();
      }),
    close: async () => {
      if (closed) return;
      const done = new Promise<void>((resolve) => ws.addEventListener('close', () => resolve()));
      ws.close(1000, 'done');
      await done;
    },
  };
  await client.waitFor((m) => m.type === 'realtime.ready', 'realtime.ready');
  return client;
}

/** Publishes a custom event through the API as `who` (an admin) and returns the stored event. */
export const publishCustom = (atoll: AtollApp, who: SignedUp | string, tenantId: string, type: string, data: unknown = {}, topic = 'custom.test'): Promise<RealtimeEvent> =>
  call(atoll, 'POST', '/api/v1/realtime/events', who, { tenant: tenantId, body: { topic, type, data }, status: 201 });
