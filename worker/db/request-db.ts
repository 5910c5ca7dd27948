import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { DatabaseConfig } from '../config';
import type { Logger } from '../logger';
import { openDatabase, type DatabaseHandle } from './connect';
import type { Database } from './database';

declare module 'hono' {
  interface ContextVariableMap {
    databaseSession: DatabaseSession;
  }
}

/** Opens the request's database on first use and closes it after the response. */
export class DatabaseSession {
  #handle: DatabaseHandle | undefined;
  constructor(
    private readonly config: DatabaseConfig,
    private readonly logger: Logger,
  ) {}
  get db(): Database {
    this.#handle ??= openDatabase(this.config, this.logger);
    return this.#handle.db;
  }
  close(): Promise<void> {
    const handle = this.#handle;
    this.#handle = undefined;
    return handle ? handle.close().catch((error: Error) => this.logger.warn('database close failed', { error })) : Promise.resolve();
  }
}

export const databaseSession = (config: DatabaseConfig) =>
  createMiddleware(async (c, next) => {
    const session = new DatabaseSession(config, c.get('logger'));
    c.set('databaseSession', session);
    try {
      await next();
    } finally {
      const closing = session.close();
      try {
        c.executionCtx.waitUntil(closing);
      } catch {
        await closing; // no execution context (app.request in unit tests)
      }
    }
  });

/**
 * The request's drizzle database; the connection opens on first use.
 *
 * @example
 * const rows = await getDb(c).select().from(things);
 */
export const getDb = (c: Context): Database => c.get('databaseSession').db;
