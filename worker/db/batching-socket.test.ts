import { env } from 'cloudflare:workers';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { BatchingSocket } from './batching-socket';

/** A real pg client over a real BatchingSocket; counts the writes that reach the Workers socket. */
async function countingClient() {
  let socket: BatchingSocket | undefined;
  const client = new pg.Client({
    connectionString: (env.HYPERDRIVE as Hyperdrive).connectionString,
    stream: (() => (socket = new BatchingSocket(false))) as unknown as pg.ClientConfig['stream'],
  });
  await client.connect();
  const writer = (socket as unknown as { _cfWriter: WritableStreamDefaultWriter<Uint8Array> })._cfWriter;
  const sizes: number[] = [];
  const write = writer.write.bind(writer);
  writer.write = (chunk: Uint8Array) => {
    sizes.push(chunk.length);
    return write(chunk);
  };
  return { client, sizes };
}

describe('BatchingSocket', () => {
  it('sends a parameterised query (Parse, Bind, Describe, Execute, Sync) as one write', async () => {
    const { client, sizes } = await countingClient();
    try {
      const result = await client.query('select $1::int + $2::int as sum', [40, 2]);
      expect(result.rows).toEqual([{ sum: 42 }]);
      expect(sizes).toHaveLength(1);
      sizes.length = 0;
      const [a, b] = await Promise.all([client.query('select $1::text as v', ['a']), client.query('select $1::text as v', ['b'])]);
      expect([a.rows[0].v, b.rows[0].v]).toEqual(['a', 'b']);
      expect(sizes).toHaveLength(2); // pg sends a queued query only after the previous one finished
    } finally {
      await client.end();
    }
  });

  it('flushes queued bytes before the socket closes (Terminate reaches Postgres)', async () => {
    const { client, sizes } = await countingClient();
    await client.query('select 1');
    sizes.length = 0;
    await client.end();
    expect(sizes).toEqual([5]); // the Terminate message: 'X' and a 4-byte length
  });
});
