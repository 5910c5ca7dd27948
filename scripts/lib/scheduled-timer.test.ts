import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { DEV_CRON, type ScheduledTimer, startScheduledTimer } from './scheduled-timer';

let server: Server | undefined;
let timer: ScheduledTimer | undefined;

/** A stand-in for `wrangler dev --test-scheduled`: answers each call with the next status. */
async function fakeWorker(statuses: number[]): Promise<{ url: string; calls: string[] }> {
  const calls: string[] = [];
  server = createServer((req, res) => {
    calls.push(req.url ?? '');
    res.writeHead(statuses[calls.length - 1] ?? 200).end(calls.length === 1 ? 'boom' : 'Ran scheduled event');
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server!.address() as { port: number }).port}`, calls };
}

async function until(done: () => boolean) {
  const deadline = Date.now() + 5_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

afterEach(async () => {
  timer?.stop();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

describe('startScheduledTimer', () => {
  it('calls /__scheduled with the cron on its interval, logs a failure and goes on', async () => {
    const worker = await fakeWorker([500, 200, 200]);
    const lines: string[] = [];
    timer = startScheduledTimer({ url: worker.url, everyMs: 30, firstAfterMs: 0, log: (line) => lines.push(line) });
    await until(() => worker.calls.length >= 3);
    expect(worker.calls[0]).toBe(`/__scheduled?cron=${encodeURIComponent(DEV_CRON)}`);
    expect(new URL(worker.calls[0]!, worker.url).searchParams.get('cron')).toBe('* * * * *');
    expect(lines).toEqual(['scheduled (* * * * *) failed: 500 boom', 'scheduled (* * * * *) runs again']);
  });

  it('logs an unreachable Worker instead of throwing, and trigger() resolves false', async () => {
    const worker = await fakeWorker([]);
    await new Promise((resolve) => server!.close(resolve));
    server = undefined;
    const lines: string[] = [];
    timer = startScheduledTimer({ url: worker.url, everyMs: 60_000, firstAfterMs: 60_000, log: (line) => lines.push(line) });
    expect(await timer.trigger()).toBe(false);
    expect(lines).toEqual([expect.stringMatching(/^scheduled \(\* \* \* \* \*\) failed: fetch failed \(.*ECONNREFUSED/)]);
  });

  it('joins the run in progress instead of starting another', async () => {
    const worker = await fakeWorker([200]);
    timer = startScheduledTimer({ url: worker.url, everyMs: 60_000, firstAfterMs: 60_000 });
    expect(await Promise.all([timer.trigger(), timer.trigger()])).toEqual([true, true]);
    expect(worker.calls).toHaveLength(1);
  });
});
