// scripts/lib/socket-reset-guard.cjs in a real Node process running a proxy built the way miniflare's
// local Hyperdrive proxy is (each client piped into a `net.connect` to the database, no 'error'
// listeners): Postgres refusing or resetting is survived and the client is closed at once; a refused
// connection to anything else still crashes the process.
import { type ChildProcess, spawn } from 'node:child_process';
import { connect, createServer, type Server } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/lib/free-port';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

// Like wrangler's Sentry integration, the proxy's process exits on any uncaught exception, even one
// the guard's process handler would ignore: the guard must keep proxy errors from becoming uncaught.
const PROXY = `
process.on('uncaughtException', (error) => { console.error('uncaught, exiting as wrangler does: ' + error.code); process.exit(1); });
const net = require('node:net');
const server = net.createServer((client) => {
  const db = net.connect({ host: '127.0.0.1', port: Number(process.env.UPSTREAM_PORT) });
  client.pipe(db);
  db.pipe(client);
});
server.listen(0, '127.0.0.1', () => console.log('PORT ' + server.address().port));`;

interface Proxy {
  child: ChildProcess;
  port: number;
  output(): string;
  exited: Promise<number | null>;
}
const started: ChildProcess[] = [];

/** The proxy under the guard, told (as wrangler is) that Postgres is at `hyperdrivePort`. */
async function startProxy(upstreamPort: number, hyperdrivePort: number): Promise<Proxy> {
  const child = spawn(process.execPath, ['--require', join(root, 'scripts/lib/socket-reset-guard.cjs'), '-e', PROXY], {
    env: { PATH: process.env.PATH ?? '', UPSTREAM_PORT: String(upstreamPort), CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_HYPERDRIVE: `postgres://u:p@127.0.0.1:${hyperdrivePort}/db` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let output = '';
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      output += d;
      const match = /PORT (\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    });
    void exited.then(() => reject(new Error(`proxy exited: ${output}`)));
  });
  return { child, port, output: () => output, exited };
}

/** Connects through the proxy, sends a startup-like message, resolves how the proxy closed it. */
function closedBy(port: number): Promise<'end' | 'error' | 'timeout'> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(Buffer.from([0, 0, 0, 8, 4, 210, 22, 47])));
    const timer = setTimeout(() => (socket.destroy(), resolve('timeout')), 3_000);
    socket.on('end', () => (clearTimeout(timer), socket.end(), resolve('end')));
    socket.on('error', () => (clearTimeout(timer), resolve('error')));
    socket.resume();
  });
}

afterEach(() => {
  for (const child of started.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

describe('socket-reset-guard', () => {
  it('survives Postgres refusing connections and closes each client at once', async () => {
    const postgresPort = await freePort(); // nothing listens there: refused
    const proxy = await startProxy(postgresPort, postgresPort);
    expect(await closedBy(proxy.port)).toBe('end');
    expect(await closedBy(proxy.port)).toBe('end');
    expect(proxy.child.exitCode, proxy.output()).toBeNull();
    expect(proxy.output()).toMatch(/Postgres ECONNREFUSED on a local Hyperdrive connection/);
  });

  it('survives Postgres resetting an open connection and closes the client', async () => {
    const postgres: Server = createServer((socket) => socket.once('data', () => socket.resetAndDestroy()));
    await new Promise<void>((resolve) => postgres.listen(0, '127.0.0.1', resolve));
    const postgresPort = (postgres.address() as { port: number }).port;
    try {
      const proxy = await startProxy(postgresPort, postgresPort);
      expect(await closedBy(proxy.port)).toBe('end');
      expect(proxy.child.exitCode, proxy.output()).toBeNull();
    } finally {
      postgres.close();
    }
  });

  it("survives workerd resetting its side while Postgres is sending, and drops Postgres's connection", async () => {
    let upstreamClosed!: () => void;
    const closed = new Promise<void>((resolve) => (upstreamClosed = resolve));
    const postgres: Server = createServer((socket) => {
      socket.on('error', () => {});
      socket.once('close', () => upstreamClosed());
      const chunk = Buffer.alloc(64 * 1024, 1);
      const timer = setInterval(() => socket.write(chunk), 1);
      socket.once('close', () => clearInterval(timer));
    });
    await new Promise<void>((resolve) => postgres.listen(0, '127.0.0.1', resolve));
    const postgresPort = (postgres.address() as { port: number }).port;
    try {
      const proxy = await startProxy(postgresPort, postgresPort);
      for (let i = 0; i < 3; i++) {
        await new Promise<void>((resolve) => {
          const socket = connect(proxy.port, '127.0.0.1');
          socket.once('data', () => (socket.resetAndDestroy(), resolve()));
          socket.once('error', () => resolve()); // the proxy is gone: the assertions below say so
        });
      }
      await Promise.race([closed, proxy.exited]);
      await new Promise((r) => setTimeout(r, 300));
      expect(proxy.child.exitCode, proxy.output()).toBeNull();
      expect(proxy.output()).not.toMatch(/uncaught/);
    } finally {
      postgres.close();
    }
  });

  it("survives Node's EPIPE for a write after the peer ended the socket", async () => {
    // What Socket.writeAfterFIN throws when a pipe forwards a late chunk to a socket whose peer
    // sent FIN (seen from wrangler dev in CI): EPIPE with no syscall. Thrown here in its shape,
    // since the race that produces it cannot be set up on demand.
    const script = `
const error = Object.assign(new Error('This socket has been ended by the other party'), { code: 'EPIPE' });
setImmediate(() => { throw error; });
setTimeout(() => { console.log('ALIVE'); process.exit(0); }, 200);`;
    const child = spawn(process.execPath, ['--require', join(root, 'scripts/lib/socket-reset-guard.cjs'), '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    started.push(child);
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code, output).toBe(0);
    expect(output).toMatch(/ignored EPIPE on a local proxy socket/);
    expect(output).toMatch(/ALIVE/);
  });

  it('still crashes on a refused connection to anything but the Hyperdrive target', async () => {
    const proxy = await startProxy(await freePort(), await freePort());
    void closedBy(proxy.port);
    // 7: the guard's handler rethrows what it does not handle, as an uncaught exception is.
    expect(await proxy.exited, proxy.output()).toBe(7);
    expect(proxy.output()).toMatch(/ECONNREFUSED/);
    expect(proxy.output()).not.toMatch(/\[socket-reset-guard\]/); // nothing was swallowed
  });
});
