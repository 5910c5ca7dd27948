import { DurableObject } from 'cloudflare:workers';
import Anthropic from '@anthropic-ai/sdk';
import type { ChatConfig } from '../plugins/chat/config';
import { isTerminal, type RunEventType, sseFrame } from '../plugins/chat/services/run-events';
import { driveRun, type RunSpec } from '../plugins/chat/services/run-loop';
import { setRunStatus } from '../plugins/chat/services/run-store';
import type { ChatSessionRpc } from '../plugins/chat/services/session-rpc';
import { bootOnce } from '../worker/boot';
import { composedPlugins } from '../worker/composition';
import { openDatabase } from '../worker/db/connect';
import { runInTenant } from '../worker/db/tenant-scope';
import type { Env } from '../worker/env';
import { createLogger } from '../worker/logger';
import { chatRunEvents, createRunSchema, pruneRuns, type RunState } from './chat-run-log';

/** How often a session with a live run checks that its loop is still going (and restarts it if not). */
const WATCHDOG_MS = 60_000;

interface LiveRun {
  readonly abort: AbortController;
  readonly listeners: Set<(frame: string, last: boolean) => void>;
  /** Its loop is going in this object (a client may be listening before or after). */
  running: boolean;
  /** Its last event was sent, or it paused for an approval. */
  settled: boolean;
}

/**
 * One per chat session (`idFromName(sessionId)`): owns the session's live run, so an answer goes on
 * when the browser disconnects. Every event is kept in SQLite with a sequence number: a client
 * reattaches with `after=<seq>` and gets what it missed, then the rest live. Each step of the run is
 * stored in Postgres first (driveRun), so after a restart the watchdog alarm resumes the run from there.
 */
export class ChatSession extends DurableObject<Env> implements ChatSessionRpc {
  readonly #sql: SqlStorage;
  readonly #live = new Map<string, LiveRun>();
  #boot: ReturnType<typeof bootOnce> | undefined;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#sql = ctx.storage.sql;
    createRunSchema(this.#sql);
  }

  async start(spec: RunSpec): Promise<void> {
    pruneRuns(this.#sql);
    this.#sql.exec('INSERT OR IGNORE INTO runs (id, spec, state, next_seq, created_at) VALUES (?, ?, ?, 1, ?)', spec.runId, JSON.stringify(spec), 'active', Date.now());
    this.#emit(spec.runId, 'run', { runId: spec.runId, sessionId: spec.sessionId });
    this.#launch(spec);
  }

  /** After the user decided on a writing tool (the route stored the decision): go on from there. */
  async resume(runId: string, denied?: { id: string; name: string }): Promise<void> {
    const spec = this.#spec(runId);
    if (!spec) return;
    if (denied) this.#emit(runId, 'tool_result', { id: denied.id, name: denied.name, summary: 'denied', isError: true });
    this.#setState(runId, 'active');
    this.#launch(spec);
  }

  /** Stops a run: its model call is aborted, its open tool calls are answered "not run". */
  async cancel(runId: string): Promise<boolean> {
    const live = this.#live.get(runId);
    if (live?.running) {
      live.abort.abort();
      return true;
    }
    // Not running here (paused for an approval, or the object restarted): end it with a cancelled loop.
    const spec = this.#spec(runId);
    if (!spec || this.#state(runId) === 'ended') return false;
    this.#launch(spec, true);
    return true;
  }

  override async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const runId = url.searchParams.get('run') ?? '';
    const after = Number(url.searchParams.get('after') ?? '0');
    if (!this.#spec(runId)) return new Response(null, { status: 404 });
    return new Response(this.#stream(runId, Number.isSafeInteger(after) && after >= 0 ? after : 0), {
      headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-store', 'x-accel-buffering': 'no' },
    });
  }

  /** The watchdog: a run marked active whose loop is not running here (the object restarted) is resumed. */
  override async alarm(): Promise<void> {
    let active = false;
    for (const row of this.#sql.exec<{ id: string; spec: string }>("SELECT id, spec FROM runs WHERE state = 'active'")) {
      active = true;
      if (!this.#live.has(row.id)) this.#launch(JSON.parse(row.spec) as RunSpec);
    }
    if (active) await this.ctx.storage.setAlarm(Date.now() + WATCHDOG_MS);
  }

  #stream(runId: string, after: number): ReadableStream<Uint8Array> {
    const encoder = new TextEncoder();
    let listener: ((frame: string, last: boolean) => void) | undefined;
    return new ReadableStream<Uint8Array>({
      start: (controller) => {
        let ended = false;
        for (const e of chatRunEvents(this.#sql, runId, after)) {
          controller.enqueue(encoder.encode(sseFrame(e.seq, e.type, e.data)));
          ended ||= isTerminal(e.type);
        }
        const live = this.#live.get(runId);
        if (ended || (!live && this.#state(runId) !== 'active')) {
          controller.close();
          return;
        }
        listener = (frame, last) => {
          controller.enqueue(encoder.encode(frame));
          if (last) {
            this.#live.get(runId)?.listeners.delete(listener!);
            controller.close();
          }
        };
        this.#listeners(runId).add(listener);
      },
      cancel: () => {
        if (listener) this.#live.get(runId)?.listeners.delete(listener);
      },
    });
  }

  #listeners(runId: string) {
    let live = this.#live.get(runId);
    if (!live) {
      live = { abort: new AbortController(), listeners: new Set(), running: false, settled: false };
      this.#live.set(runId, live);
    }
    return live.listeners;
  }

  #emit(runId: string, type: RunEventType, data: Record<string, unknown>): void {
    const row = this.#sql.exec<{ next_seq: number }>('UPDATE runs SET next_seq = next_seq + 1 WHERE id = ? RETURNING next_seq - 1 AS next_seq', runId).one();
    const json = JSON.stringify(data);
    this.#sql.exec('INSERT INTO events (run_id, seq, type, data) VALUES (?, ?, ?, ?)', runId, row.next_seq, type, json);
    const last = isTerminal(type);
    if (last) {
      this.#setState(runId, 'ended');
      const live = this.#live.get(runId);
      if (live) live.settled = true;
    }
    const frame = sseFrame(row.next_seq, type, json);
    const listeners = this.#live.get(runId)?.listeners;
    for (const listener of [...(listeners ?? [])]) {
      // A client that went away without its stream being cancelled must not stop the run.
      try {
        listener(frame, last);
      } catch {
        listeners?.delete(listener);
      }
    }
  }

  #launch(spec: RunSpec, cancelled = false): void {
    if (this.#live.get(spec.runId)?.running) return;
    this.#listeners(spec.runId);
    const live = this.#live.get(spec.runId)!;
    live.running = true;
    live.settled = false;
    if (cancelled) live.abort.abort();
    // Not handed to ctx.waitUntil: an object with outbound I/O in flight stays active anyway, and the
    // watchdog alarm resumes a loop an eviction stopped. Its end touches memory only.
    void this.#drive(spec, live)
      .catch((error: unknown) => console.error(JSON.stringify({ level: 'error', msg: 'chat run loop failed', runId: spec.runId, error: String(error) })))
      .finally(() => {
        live.running = false;
        if (live.settled && live.listeners.size === 0) this.#live.delete(spec.runId);
      });
    this.ctx.storage
      .setAlarm(Date.now() + WATCHDOG_MS)
      .catch((error: unknown) => console.error(JSON.stringify({ level: 'error', msg: 'chat watchdog not set', runId: spec.runId, error: String(error) })));
  }

  async #drive(spec: RunSpec, live: LiveRun): Promise<void> {
    const emit = async (type: RunEventType, data: Record<string, unknown>) => this.#emit(spec.runId, type, data);
    // Booted per object, not per isolate: objects sharing an isolate must not share the services'
    // I/O objects (a Durable Object stub made for one object cannot be used by another).
    this.#boot ??= bootOnce({ ...this.env }, composedPlugins);
    const boot = await this.#boot;
    if (!boot.ok) {
      await emit('error', { code: 'CHAT_UNAVAILABLE', message: 'The service is misconfigured; the operator can find the cause in the logs.' });
      return;
    }
    const { config, registry } = boot.atoll;
    const logger = createLogger(config.logLevel, { component: 'chat', runId: spec.runId });
    const chat = registry.plugins.find((p) => p.manifest.id === 'chat')?.context.config as ChatConfig;
    const client = new Anthropic({ apiKey: chat.anthropicApiKey ?? '', baseURL: chat.anthropicBaseUrl ?? null, maxRetries: 2 });
    const tools = { get: (name: string) => registry.chatTools.get(name), list: () => [...registry.chatTools.values()] };
    const database = openDatabase(config.database, logger);
    try {
      const outcome = await driveRun({ db: database.db, logger, tools, client }, spec, emit, live.abort.signal);
      if (outcome === 'paused') {
        this.#setState(spec.runId, 'paused');
        live.settled = true;
      }
    } catch (error) {
      if (live.abort.signal.aborted) {
        await runInTenant(database.db, spec.tenantId, (tx) => setRunStatus(tx, spec.runId, 'cancelled')).catch(() => undefined);
        await emit('done', { reason: 'cancelled' });
        return;
      }
      const failure = describeFailure(error);
      logger.error('chat run failed', { error, code: failure.code });
      await runInTenant(database.db, spec.tenantId, (tx) => setRunStatus(tx, spec.runId, 'error', failure.message)).catch(() => undefined);
      await emit('error', failure);
    } finally {
      await database.close().catch(() => undefined);
    }
  }

  #spec(runId: string): RunSpec | null {
    const row = this.#sql.exec<{ spec: string }>('SELECT spec FROM runs WHERE id = ?', runId).toArray()[0];
    return row ? (JSON.parse(row.spec) as RunSpec) : null;
  }

  #state(runId: string): RunState | null {
    return this.#sql.exec<{ state: RunState }>('SELECT state FROM runs WHERE id = ?', runId).toArray()[0]?.state ?? null;
  }

  #setState(runId: string, state: RunState): void {
    this.#sql.exec('UPDATE runs SET state = ? WHERE id = ?', state, runId);
  }
}

/** What the user may read about a failed run: the model API's status and message, nothing of ours. */
function describeFailure(error: unknown): { code: string; message: string } {
  if (error instanceof Anthropic.APIError) {
    return { code: 'CHAT_MODEL_ERROR', message: `The model API answered ${error.status ?? 'with an error'}: ${error.message.split('\n')[0]}` };
  }
  return { code: 'CHAT_RUN_FAILED', message: 'The answer failed; the error was logged.' };
}
