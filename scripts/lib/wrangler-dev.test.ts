import { createServer, type Server } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it, vi } from 'vitest';
import { freePort } from './free-port';
import { startWranglerDev, type WranglerDev } from './wrangler-dev';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

// The first port handed out is one another process took after it was found free.
const taken = vi.hoisted(() => ({ port: 0, handedOut: false }));
vi.mock('./free-port', async (original) => {
  const real = await original<typeof import('./free-port')>();
  return {
    freePort: async () => {
      if (taken.port && !taken.handedOut) {
        taken.handedOut = true;
        return taken.port;
      }
      return real.freePort();
    },
  };
});

let squatter: Server | undefined;
let worker: WranglerDev | undefined;

afterAll(async () => {
  await worker?.stop();
  squatter?.close();
});

it('starts again on another port when the one it found free was taken before wrangler listened', async () => {
  taken.port = await freePort();
  squatter = createServer();
  await new Promise<void>((resolve) => squatter!.listen(taken.port, '127.0.0.1', resolve));

  worker = await startWranglerDev({ databaseUrl: 'postgres://unused@127.0.0.1:1/unused', vars: {}, config: join(root, 'bench/hello/wrangler.jsonc'), readyPath: '/' });

  expect(taken.handedOut).toBe(true);
  expect(worker.url).not.toBe(`http://127.0.0.1:${taken.port}`);
  expect(await (await fetch(worker.url)).text()).toBe('hello');
}, 120_000);

it('hands out ports below the kernel ephemeral range, which outgoing connections draw from', async () => {
  for (let i = 0; i < 20; i++) {
    const port = await freePort();
    expect(port).toBeGreaterThanOrEqual(20_000);
    expect(port).toBeLessThan(32_768);
  }
});
