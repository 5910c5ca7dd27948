import { Client as NeonClient, Pool as NeonPool, neonConfig } from '@neondatabase/serverless';
import { drizzle as drizzleNeon } from 'drizzle-orm/neon-serverless';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { DatabaseConfig } from '../config';
import type { Logger } from '../logger';
import { BatchingSocket } from './batching-socket';
import type { Database } from './database';
import type { QueryClientConnection } from './unit-of-work';

export interface DatabaseHandle {
  readonly db: Database;
  readonly driver: DatabaseConfig['driver'];
  /** Ends the pool's connections; safe to call when none was opened. */
  close(): Promise<void>;
}

// Per-request pools stay small; a transaction holds one connection while other queries may run.
const POOL_MAX = 4;
const CONNECT_TIMEOUT_MS = 5_000;

// Closing a socket in workerd reports "Stream was cancelled" (porsager/postgres#1202): not a fault.
const logErrors = (logger: Logger, msg: string) => (error: Error) => {
  if (!/Stream was cancelled/.test(error.message)) logger.warn(msg, { error });
};

function configureNeonLocalProxy(proxy: string) {
  // Neon's own local setup: plain WebSocket to a loopback proxy that forwards to Postgres over TCP.
  neonConfig.wsProxy = (host, port) => `${proxy}/v2?address=${host}:${port}`;
  neonConfig.useSecureWebSocket = false;
  neonConfig.pipelineTLS = false;
  neonConfig.pipelineConnect = false;
}

/**
 * Opens a pool for one request or one queue batch. Pools connect lazily, so a request that never
 * queries never opens a connection. Workers cannot share sockets between requests: close it after.
 */
export function openDatabase(config: DatabaseConfig, logger: Logger): DatabaseHandle {
  const onError = logErrors(logger, 'database pool error');
  if (config.driver === 'neon') {
    if (config.localProxy) configureNeonLocalProxy(config.localProxy);
    const pool = new NeonPool({ connectionString: config.connectionString, max: POOL_MAX, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
    pool.on('error', onError);
    return { db: drizzleNeon({ client: pool }) as unknown as Database, driver: 'neon', close: () => pool.end() };
  }
  const pool = new pg.Pool({ ...pgSettings(config.connectionString), max: POOL_MAX });
  pool.on('error', onError);
  return { db: drizzlePg({ client: pool }) as unknown as Database, driver: 'hyperdrive', close: () => pool.end() };
}

const pgSettings = (connectionString: string) => ({
  connectionString,
  connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  // pg calls a stream factory with the connection's settings; its types only know the Node socket.
  stream: ((options: { ssl?: unknown }) => new BatchingSocket(Boolean(options.ssl))) as unknown as pg.ClientConfig['stream'],
});

/** One connection (a request's unit of work), connected; the caller ends it. */
export async function openConnection(config: DatabaseConfig, logger: Logger): Promise<QueryClientConnection> {
  const onError = logErrors(logger, 'database connection error');
  if (config.driver === 'neon' && config.localProxy) configureNeonLocalProxy(config.localProxy);
  const client = config.driver === 'neon' ? new NeonClient({ connectionString: config.connectionString }) : new pg.Client(pgSettings(config.connectionString));
  client.on('error', onError);
  await client.connect();
  return client as unknown as QueryClientConnection;
}
