import { createServer } from 'node:net';

// Below Linux's ephemeral range (32768-60999). A port the kernel hands out for `listen(0)` comes
// from the same pool as the local ports of outgoing connections, and the suite opens thousands of
// those (pg, fetch, Chromium) in other processes, so such a port could be taken again between this
// check and the real listen: CI once failed on exactly that. Nothing here connects out from these.
const LOW = 20_000;
const HIGH = 32_768;

/** A loopback TCP port that was free a moment ago, outside the range outgoing connections use. */
export async function freePort(): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    const port = LOW + Math.floor(Math.random() * (HIGH - LOW));
    try {
      await listenOnce(port);
      return port;
    } catch (error) {
      if (attempt >= 50 || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
  }
}

function listenOnce(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}
