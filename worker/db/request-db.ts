import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { DatabaseConfig } from '../config';
import type { Logger } from '../logger';
import { type DatabaseHandle, openConnection, openDatabase } from './connect';
import type { Database } from './database';
import { UnitOfWork } from './unit-of-work';
import { databaseOn } from './view-database';

declare module 'hono' {
  interface ContextVariableMap {
    databaseSession: DatabaseSession;
  }
}

/**
 * A request's database: its unit of work (one connection, one lazily begun transaction), and a
 * separate pool only for work that outlives the handler (a streamed response body).
 */
export class DatabaseSession {
  readonly unit: UnitOfWork;
  #db: Database | undefined;
  #detached: DatabaseHandle | undefined;
  constructor(
    private readonly config: DatabaseConfig,
    private readonly logger: Logger,
  ) {
    this.unit = new UnitOfWork(() => openConnection(config, logger));
  }
  get db(): Database {
    this.#db ??= databaseOn(this.unit.view({}));
    return this.#db;
  }
  /** A database outside the unit of work: its own connections, own transactions, closed after the response. */
  get detached(): Database {
    this.#detached ??= openDatabase(this.config, this.logger);
    return this.#detached.db;
  }
  /** Whether the request touched the database at all. */
  get used(): boolean {
    return this.unit.used || this.#detached !== undefined;
  }
  /** Rolls back what is uncommitted and closes every connection. */
  close(): Promise<void> {
    const detached = this.#detached;
    this.#detached = undefined;
    const warn = (error: Error) => this.logger.warn('database close failed', { error });
    return Promise.all([this.unit.close().catch(warn), detached?.close().catch(warn)]).then(() => {});
  }
}

/**
 * Gives each request its unit of work: what it wrote is committed before a response below 400 is
 * returned (a failed commit becomes the error response), rolled back otherwise; a transaction that
 * only read ends after the response. The connection closes after the response.
 */
export const databaseSession = (config: DatabaseConfig) =>
  createMiddleware(async (c, next) => {
    const session = new DatabaseSession(config, c.get('logger'));
    c.set('databaseSession', session);
    try {
      await session.unit.enter(async () => {
        await next();
        if (c.res.status < 400) await session.unit.finish();
      });
    } finally {
      if (session.used) await closeAfterResponse(c, session.close());
    }
  });

/** Closing waits in `waitUntil`, after the response; without an execution context (app.request in unit tests), now. */
function closeAfterResponse(c: Context, closing: Promise<void>): Promise<void> | undefined {
  try {
    c.executionCtx.waitUntil(closing);
    return undefined;
  } catch {
    return closing;
  }
}

/**
 * The request's drizzle database: statements join the request's transaction, which begins with
 * the first of them and commits before a successful response. `db.transaction(fn)` is a savepoint.
 *
 * @example
 * const rows = await getDb(c).select().from(things);
 */
export const getDb = (c: Context): Database => c.get('databaseSession').db;

/**
 * Commits the request's transaction now (after-commit work runs too); later statements begin a new
 * one. Call it before a slow outside call (S3 transfer, Durable Object RPC, a model API) so no
 * transaction stays open across it, or to keep writes that a later error response must not undo.
 *
 * @example
 * await commitNow(c);
 * await storage.put(key, body);
 */
export const commitNow = (c: Context): Promise<void> => c.get('databaseSession').unit.commit();

/**
 * Runs `hook` once the request's transaction has committed (at once when none is open); never when
 * it rolls back. Realtime events and queue messages sent through the kernel already wait this way.
 *
 * @example
 * await afterCommit(c, () => sessionObject(sessions, sessionId).cancel(runId));
 */
export const afterCommit = (c: Context, hook: () => Promise<void> | void): Promise<void> | void => c.get('databaseSession').unit.afterCommit(hook);

/**
 * A database outside the request's transaction, for work that continues after the handler
 * returns (a streamed body reading with a cursor). Its connections close when that work ends.
 *
 * @example
 * const { filename, body } = await exportDatasetCsv({ db: getDetachedDb(c), tenantId: getTenant(c).id, datasetId, logger });
 * return new Response(body, { headers: { 'content-disposition': `attachment; filename="${filename}"` } });
 */
export const getDetachedDb = (c: Context): Database => c.get('databaseSession').detached;
