// The benchmark's WebSocket clients: each gets its own single-use ticket, connects, waits for the
// hub's `realtime.ready`, and records the latency of every measured event it receives.
import { performance } from 'node:perf_hooks';
import type WebSocket from 'ws';

export interface BenchClient {
  /** From the start of the publishing POST to receipt (ms, one clock: this process). */
  latencies: number[];
  /** From the hub's `at` (its clock when it stored the event) to receipt (ms, wall clocks, 1 ms resolution). */
  fanOut: number[];
  outOfOrder: boolean;
  /** Close code and reason when the hub closed the socket during the run. */
  closed: string | null;
  close(): void;
}

const CONNECT_CONCURRENCY = 25;

async function ticket(base: string, auth: Record<string, string>): Promise<string> {
  const res = await fetch(`${base}/api/v1/realtime/tickets`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify({ topics: ['custom.bench'] }) });
  const body = (await res.json()) as { url?: string };
  if (res.status !== 201 || !body.url) throw new Error(`ticket answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
  return body.url;
}

function connectOne(base: string, url: string, open: (url: string) => WebSocket): Promise<BenchClient> {
  return new Promise((resolve, reject) => {
    const ws = open(base.replace(/^http/, 'ws') + url);
    let lastSeq = -Infinity;
    const client: BenchClient = { latencies: [], fanOut: [], outOfOrder: false, closed: null, close: () => ws.close(1000) };
    const timer = setTimeout(() => reject(new Error('no realtime.ready within 30 s')), 30_000);
    ws.on('message', (raw) => {
      const receivedAt = performance.now();
      const wallClock = Date.now();
      const message = JSON.parse(String(raw)) as { type: string; at: string; data?: { seq: number; measured: boolean; sentAt: number } };
      if (message.type === 'realtime.ready') {
        clearTimeout(timer);
        resolve(client);
        return;
      }
      if (!message.data?.measured) return;
      if (message.data.seq < lastSeq) client.outOfOrder = true;
      lastSeq = message.data.seq;
      client.latencies.push(receivedAt - message.data.sentAt);
      client.fanOut.push(wallClock - Date.parse(message.at));
    });
    ws.on('close', (code, reason) => void (client.closed = `${code} ${String(reason)}`.trim()));
    ws.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** Opens `count` clients, `CONNECT_CONCURRENCY` at a time. */
export async function createClients(base: string, auth: Record<string, string>, count: number, open: (url: string) => WebSocket): Promise<BenchClient[]> {
  const clients: BenchClient[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      clients.push(await connectOne(base, await ticket(base, auth), open));
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONNECT_CONCURRENCY, count) }, worker));
  return clients;
}
