import { env } from 'cloudflare:workers';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { systemPlugin } from '../../plugins/system';
import { openDatabase } from '../../worker/db/connect';
import { createLogger } from '../../worker/logger';
import { probePlugin } from '../fixtures/probe-plugin';
import { bodyOf, bootApp, hyperdriveAt, send } from './harness';

const databaseUrl = env.TEST_DATABASE_URL as string;
const neonProxy = env.TEST_NEON_PROXY as string;
const logger = createLogger('error');

async function currentUser(handle: ReturnType<typeof openDatabase>) {
  try {
    const result = await handle.db.execute(sql`select current_user as "user", 1 + 1 as two`);
    return result.rows[0];
  } finally {
    await handle.close();
  }
}

describe('database drivers', () => {
  it('pg through the Hyperdrive binding by default', async () => {
    const handle = openDatabase({ driver: 'hyperdrive', connectionString: (env.HYPERDRIVE as Hyperdrive).connectionString }, logger);
    expect(handle.driver).toBe('hyperdrive');
    expect(await currentUser(handle)).toEqual({ user: 'atoll', two: 2 });
  });

  it('Neon serverless Pool over WebSocket when DATABASE_URL is set', async () => {
    const handle = openDatabase({ driver: 'neon', connectionString: databaseUrl, localProxy: neonProxy }, logger);
    expect(handle.driver).toBe('neon');
    expect(await currentUser(handle)).toEqual({ user: 'atoll', two: 2 });
  });

  it('really goes through the WebSocket proxy on the Neon path', async () => {
    const handle = openDatabase({ driver: 'neon', connectionString: databaseUrl, localProxy: '127.0.0.1:9' }, logger);
    await expect(currentUser(handle)).rejects.toThrow();
  });

  it('serves requests on the Neon path end to end', async () => {
    const atoll = await bootApp([systemPlugin(), probePlugin()], { DATABASE_URL: databaseUrl, NEON_LOCAL_PROXY: neonProxy, HYPERDRIVE: undefined });
    expect(atoll.config.database.driver).toBe('neon');
    const res = await send(atoll, '/api/v1/probe/db');
    const body = await bodyOf(res);
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body.user).toBe('atoll');
    const ready = await send(atoll, '/health/ready');
    expect(ready.status, await ready.clone().text()).toBe(200);
  });

  it('opens no connection for requests that do not query', async () => {
    // Counting connections in pg_stat_activity would also count the other test file that runs
    // beside this one. Pointed at a port where nothing listens, any connection attempt fails the
    // request; readiness (which does connect) proves the app uses that address.
    const atoll = await bootApp([systemPlugin()], { HYPERDRIVE: hyperdriveAt('postgres://atoll:atoll@127.0.0.1:9/atoll') });
    for (let i = 0; i < 5; i++) {
      const res = await send(atoll, '/api/v1/system/info');
      expect(res.status, JSON.stringify(await bodyOf(res))).toBe(200);
    }
    expect((await send(atoll, '/health/ready')).status).toBe(503);
  });
});
