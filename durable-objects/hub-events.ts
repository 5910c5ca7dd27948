import { checkEventInput, EVENT_BUFFER_SIZE, follows, HUB_TOPIC, HubMessageType } from '../worker/realtime/protocol';
import type { RealtimeEvent, RealtimeEventInput } from '../worker/realtime/publisher';

/** Creates the hub's tables. `AUTOINCREMENT` keeps ids monotonic even after the buffer is trimmed. */
export function createHubSchema(sql: SqlStorage): void {
  sql.exec(`
    CREATE TABLE IF NOT EXISTS hub_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS events (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      topic TEXT NOT NULL,
      type TEXT NOT NULL,
      data TEXT NOT NULL,
      at TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS tickets (
      hash TEXT PRIMARY KEY,
      subject TEXT NOT NULL,
      topics TEXT NOT NULL,
      expires_at INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS tickets_expiry ON tickets (expires_at);
  `);
}

/** The tenant this hub serves; `null` for a hub never used, without writing anything. */
export function boundTenant(sql: SqlStorage): string | null {
  if (sql.exec(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'hub_meta'`).toArray().length === 0) return null;
  return sql.exec<{ value: string }>(`SELECT value FROM hub_meta WHERE key = 'tenant_id'`).toArray()[0]?.value ?? null;
}

/**
 * Remembers the tenant this hub serves on first use and refuses any other afterwards: the hub is
 * addressed by `idFromName(tenantId)`, so a mismatch is a wiring bug that must not leak events.
 * Call after `createHubSchema`.
 */
export function bindTenant(sql: SqlStorage, tenantId: string): void {
  const bound = boundTenant(sql);
  if (bound === null) sql.exec(`INSERT INTO hub_meta (key, value) VALUES ('tenant_id', ?)`, tenantId);
  else if (bound !== tenantId) throw new Error('REALTIME_WRONG_HUB: this hub belongs to another tenant');
}

/** Stores an event, trims the buffer to the newest `EVENT_BUFFER_SIZE`, and returns it with its frame. */
export function appendEvent(sql: SqlStorage, tenantId: string, input: RealtimeEventInput): { event: RealtimeEvent; frame: string } {
  const checked = checkEventInput(input);
  if (!('data' in checked)) throw new Error(`${checked.code}: ${checked.detail}`);
  const { data } = checked;
  const at = new Date().toISOString();
  const { id } = sql.exec<{ id: number }>('INSERT INTO events (topic, type, data, at) VALUES (?, ?, ?, ?) RETURNING id', input.topic, input.type, data, at).one();
  if (id > EVENT_BUFFER_SIZE) sql.exec('DELETE FROM events WHERE id <= ?', id - EVENT_BUFFER_SIZE);
  const event: RealtimeEvent = { id, type: input.type, topic: input.topic, tenantId, data: JSON.parse(data), at };
  return { event, frame: JSON.stringify(event) };
}

/** The newest id ever issued (0 before the first event). */
export function lastEventId(sql: SqlStorage): number {
  const row = sql.exec<{ seq: number }>(`SELECT seq FROM sqlite_sequence WHERE name = 'events'`).toArray()[0];
  return row?.seq ?? 0;
}

/**
 * What a client that saw `after` missed, restricted to its topics. When the buffer no longer holds
 * everything after `after` (or `after` is newer than any id this hub issued, e.g. from a reset hub),
 * a `realtime.gap` event comes first, with the id just before the oldest one that follows.
 */
export function eventsSince(sql: SqlStorage, tenantId: string, after: number, topics: readonly string[]): RealtimeEvent[] {
  const newest = lastEventId(sql);
  const oldest = sql.exec<{ first: number | null }>('SELECT MIN(id) AS first FROM events').one().first;
  const out: RealtimeEvent[] = [];
  const missedSome = oldest !== null && after < oldest - 1;
  if (after > newest || missedSome) {
    const from = after > newest ? (oldest ?? newest + 1) : oldest!;
    out.push({
      id: from - 1,
      type: HubMessageType.GAP,
      topic: HUB_TOPIC,
      tenantId,
      data: { lastEventId: after, oldestAvailableId: oldest, newestId: newest },
      at: new Date().toISOString(),
    });
    after = Math.min(after, from - 1);
  }
  const rows = sql.exec<{ id: number; topic: string; type: string; data: string; at: string }>('SELECT id, topic, type, data, at FROM events WHERE id > ? ORDER BY id', after);
  for (const row of rows) {
    if (follows(topics, row.topic)) out.push({ id: row.id, type: row.type, topic: row.topic, tenantId, data: JSON.parse(row.data), at: row.at });
  }
  return out;
}
