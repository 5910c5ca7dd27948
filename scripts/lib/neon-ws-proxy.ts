import { connect } from 'node:net';
import { WebSocketServer } from 'ws';

export interface NeonProxy {
  /** `host:port` for `NEON_LOCAL_PROXY`. */
  address: string;
  stop(): Promise<void>;
}

/**
 * The WebSocket-to-TCP proxy Neon's serverless driver speaks (`/v2?address=host:port`), so the Neon
 * code path runs against local Postgres. It forwards only to the one `target` it was started for.
 */
export async function startNeonProxy(options: { port: number; target: string }): Promise<NeonProxy> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: options.port, path: '/v2' });
  wss.on('connection', (ws, req) => {
    const address = new URL(req.url ?? '/', 'http://proxy').searchParams.get('address');
    if (address !== options.target) {
      ws.close(1008, 'address not allowed');
      return;
    }
    const [host, port] = [address.slice(0, address.lastIndexOf(':')), Number(address.slice(address.lastIndexOf(':') + 1))];
    const socket = connect(port, host);
    socket.on('data', (chunk) => ws.readyState === ws.OPEN && ws.send(chunk));
    socket.on('close', () => ws.close());
    socket.on('error', () => ws.close(1011, 'upstream error'));
    ws.on('message', (data) => socket.write(data as Buffer));
    ws.on('close', () => socket.end());
    ws.on('error', () => socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    wss.once('listening', resolve);
    wss.once('error', reject);
  });
  const port = (wss.address() as { port: number }).port;
  return {
    address: `127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}
