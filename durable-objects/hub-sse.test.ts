import { afterEach, describe, expect, it, vi } from 'vitest';
import { SSE_HEARTBEAT_MS } from '../worker/realtime/protocol';
import type { RealtimeEvent } from '../worker/realtime/publisher';
import { SseStreams } from './hub-sse';

const event = (id: number, topic = 'jobs'): RealtimeEvent => ({ id, type: 'job.tick', topic, tenantId: 't', data: { id }, at: '2026-01-01T00:00:00.000Z' });

afterEach(() => void vi.useRealTimers());

describe('SseStreams', () => {
  it('writes a heartbeat comment every 15 s and filters events by topic', async () => {
    vi.useFakeTimers();
    const streams = new SseStreams();
    const res = streams.open(['jobs'], [event(1)], new AbortController().signal);
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    streams.broadcast(event(2, 'datasets'));
    streams.broadcast(event(3));
    vi.advanceTimersByTime(SSE_HEARTBEAT_MS);
    let text = '';
    while (!text.includes(': heartbeat')) text += (await reader.read()).value ?? '';
    expect(text).toBe(`retry: 3000\n: connected\n\nid: 1\ndata: ${JSON.stringify(event(1))}\n\nid: 3\ndata: ${JSON.stringify(event(3))}\n\n: heartbeat\n\n`);
    await reader.cancel();
  });

  it('forgets a client that went away', async () => {
    const streams = new SseStreams();
    const aborted = new AbortController();
    streams.open(['*'], [], aborted.signal);
    const res = streams.open(['*'], [], new AbortController().signal);
    expect(streams.size).toBe(2);
    aborted.abort();
    expect(streams.size).toBe(1);
    await res.body!.cancel();
    streams.broadcast(event(1));
    await vi.waitFor(() => expect(streams.size).toBe(0));
  });
});
