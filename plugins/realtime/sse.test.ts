import { describe, expect, it } from 'vitest';
import { bodyOf, send } from '../../test/worker/harness';
import type { SignedUp } from '../../test/worker/identity';
import { bootRealtime, publishCustom, publisher, realtimeTeam } from './testing';

const atoll = await bootRealtime();

/** Opens the SSE stream and reads frames from it. */
async function openStream(who: SignedUp, tenantId: string, query = '', headers: Record<string, string> = {}) {
  const res = await send(atoll, `/api/v1/realtime/events${query}`, { headers: { ...who.headers(tenantId), ...headers } });
  expect(res.status, JSON.stringify(res.status === 200 ? '' : await bodyOf(res))).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
  expect(res.headers.get('cache-control')).toContain('no-cache');
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const frames: { id?: number; data?: any; comment?: string; retry?: number }[] = [];
  /** Reads until `count` events (frames with data) have arrived. */
  const events = async (count: number) => {
    while (frames.filter((f) => f.data !== undefined).length < count) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`stream ended after ${JSON.stringify(frames)}`);
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame: (typeof frames)[number] = {};
        for (const line of buffer.slice(0, end).split('\n')) {
          if (line.startsWith(':')) frame.comment = line.slice(1).trim();
          else if (line.startsWith('id: ')) frame.id = Number(line.slice(4));
          else if (line.startsWith('data: ')) frame.data = JSON.parse(line.slice(6));
          else if (line.startsWith('retry: ')) frame.retry = Number(line.slice(7));
        }
        frames.push(frame);
        buffer = buffer.slice(end + 2);
      }
    }
    return frames.filter((f) => f.data !== undefined).map((f) => f.data);
  };
  return { frames, events, close: () => reader.cancel() };
}

describe('Server-Sent Events', () => {
  it('streams live events with id lines after a connected comment', async () => {
    const { owner, viewer, tenant } = await realtimeTeam(atoll, 'sse');
    const stream = await openStream(viewer, tenant.id);
    const event = await publishCustom(atoll, owner, tenant.id, 'custom.sse', { n: 1 });
    expect(await stream.events(1)).toEqual([event]);
    expect(stream.frames[0]).toMatchObject({ retry: 3000, comment: 'connected' });
    expect(stream.frames.find((f) => f.data)?.id).toBe(event.id);
    await stream.close();
  });

  it('resumes after Last-Event-ID (header over query), filtered by topics', async () => {
    const { owner, viewer, tenant } = await realtimeTeam(atoll, 'sse-resume');
    const first = await publishCustom(atoll, owner, tenant.id, 'custom.one');
    const second = await publishCustom(atoll, owner, tenant.id, 'custom.two');
    await publisher.current!.publish(tenant.id, { topic: 'datasets', type: 'dataset.created', data: {} });
    const third = await publishCustom(atoll, owner, tenant.id, 'custom.three');
    const stream = await openStream(viewer, tenant.id, '?topics=custom.test&lastEventId=0', { 'last-event-id': String(first.id) });
    expect(await stream.events(2)).toEqual([second, third]);
    const live = await publishCustom(atoll, owner, tenant.id, 'custom.live');
    expect((await stream.events(3))[2]).toEqual(live);
    await stream.close();
  });

  it('announces a gap when Last-Event-ID is unknown to the hub', async () => {
    const { owner, viewer, tenant } = await realtimeTeam(atoll, 'sse-gap');
    const only = await publishCustom(atoll, owner, tenant.id, 'custom.only');
    const stream = await openStream(viewer, tenant.id, '?lastEventId=50');
    const [gap, replayed] = await stream.events(2);
    expect(gap).toMatchObject({ type: 'realtime.gap', topic: 'realtime', data: { lastEventId: 50 } });
    expect(replayed).toEqual(only);
    await stream.close();
  });

  it('never streams another tenant’s events', async () => {
    const a = await realtimeTeam(atoll, 'sse-a');
    const b = await realtimeTeam(atoll, 'sse-b');
    await publishCustom(atoll, b.owner, b.tenant.id, 'custom.b');
    const stream = await openStream(a.viewer, a.tenant.id, '?lastEventId=0');
    await publishCustom(atoll, b.owner, b.tenant.id, 'custom.b2');
    const own = await publishCustom(atoll, a.owner, a.tenant.id, 'custom.a');
    expect(await stream.events(1)).toEqual([own]);
    await stream.close();
  });

  it('answers 400 to a bad Last-Event-ID or topics', async () => {
    const { viewer, tenant } = await realtimeTeam(atoll, 'sse-bad');
    for (const [query, headers] of [
      ['', { 'last-event-id': 'abc' }],
      ['?topics=Bad!', {}],
      ['?lastEventId=-3', {}],
    ] as const) {
      const res = await send(atoll, `/api/v1/realtime/events${query}`, { headers: { ...viewer.headers(tenant.id), ...headers } });
      const body = await bodyOf(res);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(body.errors?.length ?? 0, JSON.stringify(body)).toBeGreaterThan(0);
    }
  });
});
