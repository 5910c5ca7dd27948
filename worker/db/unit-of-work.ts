import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import { inlineParams } from './inline-params';

/** What a statement may need from the connection: a client with pg's query API. */
export interface QueryClient {
  query(config: QueryConfig | string, values?: unknown[]): Promise<QueryResult>;
}
export interface QueryClientConnection extends QueryClient {
  end(): Promise<void>;
}
type QueryConfig = { text: string; name?: string; rowMode?: string; types?: unknown };
type QueryResult = { rows: unknown[]; command?: string; rowCount?: number | null };

/** Row-level security settings a statement runs under (unset ones are '' in Postgres). */
export interface ScopeSettings {
  tenantId?: string | undefined;
  userId?: string | undefined;
  apiKeyId?: string | undefined;
  /** A plugin's own `atoll.<name>` settings its policies read (e.g. `atoll.jobs_all_tenants`). */
  settings?: Readonly<Record<string, string>> | undefined;
}
const SETTINGS: [Exclude<keyof ScopeSettings, 'settings'>, string][] = [
  ['tenantId', 'atoll.tenant_id'],
  ['userId', 'atoll.user_id'],
  ['apiKeyId', 'atoll.api_key_id'],
];
const SETTING_NAME = /^atoll\.[a-z][a-z0-9_]{0,62}$/;
type Applied = Readonly<Record<string, string>>;

/** Every setting a scope asks for, by Postgres name. */
export function settingsOf(scope: ScopeSettings): Applied {
  const out: Record<string, string> = {};
  for (const [key, name] of SETTINGS) if (scope[key]) out[name] = scope[key]!;
  for (const [name, value] of Object.entries(scope.settings ?? {})) {
    if (!SETTING_NAME.test(name)) throw new Error(`scope setting ${JSON.stringify(name)} is not atoll.<lower_snake_name>`);
    if (value) out[name] = value;
  }
  return out;
}

/** set_config for each setting that differs (those no longer wanted go back to ''), or undefined. */
function scopeChange(from: Applied, to: Applied): string | undefined {
  const names = [...new Set([...Object.keys(from), ...Object.keys(to)])].filter((n) => (from[n] ?? '') !== (to[n] ?? '')).sort();
  if (names.length === 0) return undefined;
  return `select ${names.map((n) => `set_config('${n}', ${pg.escapeLiteral(to[n] ?? '')}, true)`).join(', ')}`;
}

/** A savepoint a view opened; sent with the first statement inside it. */
interface Savepoint {
  name: string;
  /** The transaction it was sent in (0: not yet): a savepoint ends with its transaction. */
  sentIn: number;
  /** The scope in force when it was sent: `rollback to savepoint` restores it. */
  scopeBefore: Applied;
}

/** Observes every round trip a unit of work makes (tests count them). */
export type StatementObserver = (text: string) => void;
const observers = new Set<StatementObserver>();
export function observeStatements(observer: StatementObserver): () => void {
  observers.add(observer);
  return () => observers.delete(observer);
}

const current = new AsyncLocalStorage<UnitOfWork>();

/** A statement held back by `together` until the other side has sent its first one too. */
interface Gathered {
  config: QueryConfig | string;
  values: unknown[];
  scope: ScopeSettings;
  savepoints: readonly Savepoint[];
  resolve(result: QueryResult): void;
  reject(error: unknown): void;
}
interface Gather {
  unit: UnitOfWork;
  /** Sides that have neither sent a statement nor finished. */
  waiting: number;
  entries: Gathered[];
}
/** The `together` side the running code belongs to, and whether it has sent its first statement. */
const side = new AsyncLocalStorage<{ gather: Gather; sent: boolean }>();

/** The unit of work of the request being served, when there is one (realtime and queue sends wait for its commit). */
export const currentUnitOfWork = (): UnitOfWork | undefined => current.getStore();

/**
 * Appended to a reading statement while the transaction has written nothing: whether Postgres has
 * given it a transaction id, which any write does (also one made by a function a SELECT calls, a
 * row lock, or a write in a savepoint since rolled back). A transaction without one has nothing
 * to commit.
 */
const WROTE = 'select txid_current_if_assigned() is not null as atoll_wrote';
/** Statements asked about; anything else (INSERT, UPDATE, DELETE, WITH, DDL, CALL…) counts as a write. */
const READING = /^\s*\(?\s*select\b/i;

const CONTROL = /^\s*(begin|commit|rollback|savepoint\s+\w+|release\s+savepoint\s+\w+|rollback\s+to\s+savepoint\s+\w+)\s*;?\s*$/i;

/**
 * One request's work on Postgres: one connection and at most one transaction, begun with the first
 * statement and committed by the request middleware before a successful response (rolled back
 * otherwise). Control statements (BEGIN, SAVEPOINT, scope settings, ROLLBACK TO) are never sent on
 * their own: they travel in one round trip with the next statement. Statements run one at a time.
 */
export class UnitOfWork {
  #connection: Promise<QueryClientConnection> | undefined;
  #open = false;
  #applied: Applied = {};
  #pending: string[] = [];
  #queue: Promise<unknown> = Promise.resolve();
  #savepoints = 0;
  #afterCommit: (() => Promise<void> | void)[] = [];
  #transaction = 1;
  /** Whether the open transaction may have written (a statement other than a SELECT, or Postgres said so). */
  #wrote = false;
  /** Round trips made so far. */
  roundTrips = 0;

  constructor(private readonly connect: () => Promise<QueryClientConnection>) {}

  /** A pg-compatible client whose statements run under `scope`; drizzle's transactions on it become savepoints. */
  view(scope: ScopeSettings, savepoint = false): UnitOfWorkView {
    return new UnitOfWorkView(this, scope, savepoint);
  }

  /** Runs `fn` with this unit of work as the current one (for afterCommit of kernel senders). */
  enter<T>(fn: () => Promise<T>): Promise<T> {
    return current.run(this, fn);
  }

  get inTransaction(): boolean {
    return this.#open;
  }

  /** Whether a connection was ever asked for (a request that never queried has nothing to close). */
  get used(): boolean {
    return this.#connection !== undefined;
  }

  /** Runs `hook` after the transaction commits (at once when none is open); dropped on rollback. */
  afterCommit(hook: () => Promise<void> | void): Promise<void> | void {
    if (!this.#open) return hook();
    this.#afterCommit.push(hook);
  }

  newSavepoint(): Savepoint {
    return { name: `atoll_sp_${++this.#savepoints}`, sentIn: 0, scopeBefore: {} };
  }

  /** Runs a statement under `scope` inside `savepoints` (outermost first). */
  run(config: QueryConfig | string, values: unknown[] | undefined, scope: ScopeSettings, savepoints: readonly Savepoint[]): Promise<QueryResult> {
    const mine = side.getStore();
    if (mine && !mine.sent && mine.gather.unit === this) {
      mine.sent = true;
      return new Promise((resolve, reject) => {
        mine.gather.entries.push({ config, values: values ?? [], scope, savepoints, resolve, reject });
        this.#settle(mine.gather);
      });
    }
    return this.#serial(async () => this.#send(this.#prepare(scope, savepoints), config, values ?? []));
  }

  /**
   * Runs `a` and `b` side by side, their first statements sent in one round trip (each side's later
   * statements run as usual). For two lookups that do not depend on each other, such as a session
   * check and the membership the request's tenant needs: two round trips become one. A side that
   * ends without a statement lets the other's go alone.
   */
  together<A, B>(a: () => Promise<A>, b: () => Promise<B>): Promise<[A, B]> {
    const gather: Gather = { unit: this, waiting: 2, entries: [] };
    const start = <T>(fn: () => Promise<T>): Promise<T> => {
      const mine = { gather, sent: false };
      return side.run(mine, async () => {
        try {
          return await fn();
        } finally {
          if (!mine.sent) {
            mine.sent = true;
            this.#settle(gather);
          }
        }
      });
    };
    return Promise.all([start(a), start(b)]);
  }

  #settle(gather: Gather): void {
    if (--gather.waiting > 0) return;
    const { entries } = gather;
    const inlined = entries.map((e) => {
      const statement = typeof e.config === 'string' ? { text: e.config } : e.config;
      return statement.name ? undefined : inlineParams(statement.text, e.values);
    });
    const same = (of: (c: QueryConfig) => unknown) => new Set(entries.map((e) => (typeof e.config === 'string' ? undefined : of(e.config)))).size === 1;
    // The results are parsed with the first statement's settings. drizzle gives every statement a type
    // parser object of its own, doing the same (dates and intervals as text): that one is shared.
    const shareable = same((c) => c.rowMode) && same((c) => c.types === undefined);
    // One statement, or ones that cannot share a simple query (a prepared statement, another row mode): as usual.
    if (entries.length < 2 || inlined.includes(undefined) || !shareable) {
      for (const e of entries) this.run(e.config, e.values, e.scope, e.savepoints).then(e.resolve, e.reject);
      return;
    }
    this.#serial(async () => {
      const parts: string[] = [];
      const at: number[] = [];
      entries.forEach((e, i) => {
        parts.push(...this.#prepare(e.scope, e.savepoints));
        at.push(parts.length);
        parts.push(inlined[i]!);
        if (!READING.test(typeof e.config === 'string' ? e.config : e.config.text)) this.#wrote = true;
      });
      const ask = !this.#wrote;
      if (ask) parts.push(WROTE);
      const first = entries[0]!.config;
      const results = await this.#trip({ ...(typeof first === 'string' ? {} : first), text: parts.join('; ') });
      const all = Array.isArray(results) ? results : [results];
      if (ask) this.#wrote = Object.values(all[all.length - 1]!.rows[0] as object)[0] === true;
      return at.map((index) => all[index]!);
    }).then(
      (results) => entries.forEach((e, i) => e.resolve(results[i]!)),
      (error: unknown) => entries.forEach((e) => e.reject(error)),
    );
  }

  /** The control statements due before the next statement under `scope` and `savepoints`; records them as sent. */
  #prepare(scope: ScopeSettings, savepoints: readonly Savepoint[]): string[] {
    const before: string[] = [...this.#pending];
    if (!this.#open) before.push('begin');
    for (const sp of savepoints) {
      if (sp.sentIn === this.#transaction) continue;
      sp.scopeBefore = this.#applied;
      before.push(`savepoint ${sp.name}`);
    }
    const wanted = settingsOf(scope);
    const change = scopeChange(this.#applied, wanted);
    if (change) before.push(change);
    this.#pending = [];
    this.#open = true;
    for (const sp of savepoints) sp.sentIn = this.#transaction;
    this.#applied = wanted;
    return before;
  }

  /** Ends a savepoint after its block failed: the rollback travels with the next statement. */
  rollbackTo(sp: Savepoint): void {
    if (sp.sentIn !== this.#transaction) return;
    this.#pending.push(`rollback to savepoint ${sp.name}`);
    this.#applied = sp.scopeBefore;
  }

  /** Commits the open transaction (if any) and runs the after-commit hooks; the next statement begins anew. */
  commit(): Promise<void> {
    return this.#serial(async () => {
      if (!this.#open) return;
      const result = await this.#send([...this.#pending, 'commit'], undefined, []);
      this.#reset();
      // COMMIT of a transaction an error aborted answers ROLLBACK: nothing was stored.
      if (result.command?.toUpperCase() === 'ROLLBACK') throw new Error('the request transaction had failed and was rolled back');
    }).then(async () => {
      const hooks = this.#afterCommit;
      this.#afterCommit = [];
      for (const hook of hooks) await hook();
      // A hook that wrote began a new transaction: it commits too.
      if (hooks.length > 0 && this.#open) await this.commit();
    });
  }

  /**
   * Ends the request's work before its response: what was written is committed (after-commit work
   * runs). A transaction that wrote nothing has nothing to commit, so the response does not wait
   * for a COMMIT: after-commit work runs now and `close()` ends the transaction after the response.
   */
  finish(): Promise<void> {
    return this.#serial(async () => this.#open && !this.#wrote).then(async (readOnly) => {
      if (!readOnly) return this.commit();
      const hooks = this.#afterCommit;
      this.#afterCommit = [];
      for (const hook of hooks) await hook();
      if (this.#wrote) await this.commit();
    });
  }

  /** Rolls back whatever is open and closes the connection. */
  async close(): Promise<void> {
    const connection = this.#connection;
    this.#afterCommit = [];
    if (!connection) return;
    const client = await connection.catch(() => undefined);
    await this.#serial(async () => {
      // The rollback goes over this connection: forgetting it first would make #send open another.
      if (client && this.#open) await this.#send(['rollback'], undefined, []).catch(() => {});
      this.#reset();
      this.#connection = undefined;
    });
    await client?.end();
  }

  #reset() {
    this.#open = false;
    this.#wrote = false;
    this.#transaction++;
    this.#pending = [];
    this.#applied = {};
  }

  #serial<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(fn);
    this.#queue = result.catch(() => {});
    return result;
  }

  async #trip(c: QueryConfig | string, v?: unknown[]): Promise<QueryResult | QueryResult[]> {
    this.#connection ??= this.connect();
    const client = await this.#connection;
    this.roundTrips++;
    for (const observe of observers) observe(typeof c === 'string' ? c : c.text);
    return client.query(c, v);
  }

  async #send(before: string[], config: QueryConfig | string | undefined, values: unknown[]): Promise<QueryResult> {
    const statement = typeof config === 'string' ? { text: config } : config;
    const trip = (c: QueryConfig | string, v?: unknown[]) => this.#trip(c, v);
    if (!statement) return lastOf(await trip(before.join('; ')));
    const ask = !this.#wrote && READING.test(statement.text);
    // Not asked about (a write, or a statement that cannot travel inlined): assume it wrote.
    if (!ask) this.#wrote = true;
    const inlined = statement.name || (before.length === 0 && !ask) ? undefined : inlineParams(statement.text, values);
    if (inlined === undefined) {
      this.#wrote = true;
      if (before.length > 0) await trip(before.join('; '));
      return lastOf(await trip(statement, values));
    }
    if (!ask) return lastOf(await trip({ ...statement, text: [...before, inlined].join('; ') }));
    const results = await trip({ ...statement, text: [...before, inlined, WROTE].join('; ') });
    const all = Array.isArray(results) ? results : [results];
    this.#wrote = Object.values(all[all.length - 1]!.rows[0] as object)[0] === true;
    return all[all.length - 2]!;
  }
}

/** A multi-statement simple query answers with one result per statement: the caller's is the last. */
const lastOf = (result: QueryResult | QueryResult[]): QueryResult => (Array.isArray(result) ? result[result.length - 1]! : result);

/**
 * The client drizzle sees: statements run under the view's scope, and drizzle's own transaction
 * statements (begin/commit/rollback and its nested savepoints) become lazily sent savepoints.
 */
export class UnitOfWorkView implements QueryClient {
  readonly #stack: Savepoint[] = [];
  constructor(
    readonly unit: UnitOfWork,
    readonly scope: ScopeSettings,
    savepoint: boolean,
    private readonly parent?: UnitOfWorkView,
  ) {
    if (savepoint) this.#stack.push(unit.newSavepoint());
  }

  /** Savepoints from the outermost enclosing view to this one's innermost. */
  get savepoints(): Savepoint[] {
    return [...(this.parent?.savepoints ?? []), ...this.#stack];
  }

  /** A nested view (another scope, its own savepoint) inside this one. */
  child(scope: ScopeSettings): UnitOfWorkView {
    return new UnitOfWorkView(this.unit, scope, true, this);
  }

  /** Ends this view's own savepoint: released (nothing to send) or rolled back. */
  end(failed: boolean): void {
    const sp = this.#stack[0];
    if (sp && failed) this.unit.rollbackTo(sp);
  }

  async query(config: QueryConfig | string, values?: unknown[]): Promise<QueryResult> {
    const text = typeof config === 'string' ? config : config.text;
    const control = CONTROL.exec(text)?.[1]?.toLowerCase();
    if (control !== undefined) return this.#control(control);
    return this.unit.run(config, values, this.scope, this.savepoints);
  }

  #control(statement: string): QueryResult {
    const done = { rows: [], command: statement.toUpperCase() };
    if (statement === 'begin' || statement.startsWith('savepoint')) {
      this.#stack.push(this.unit.newSavepoint());
      return done;
    }
    const sp = this.#stack.pop();
    // A released savepoint needs no statement: it ends with the transaction.
    if (sp && (statement === 'rollback' || statement.startsWith('rollback to'))) this.unit.rollbackTo(sp);
    return done;
  }
}
