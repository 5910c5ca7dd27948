/** Where a run is: its loop going, waiting for an approval, or over (its last event stored). */
export type RunState = 'active' | 'paused' | 'ended';

/** Runs kept per session with their events (older ones are in Postgres only). */
const KEPT_RUNS = 20;

export function createRunSchema(sql: SqlStorage): void {
  sql.exec(`CREATE TABLE IF NOT EXISTS runs (id TEXT PRIMARY KEY, spec TEXT NOT NULL, state TEXT NOT NULL, next_seq INTEGER NOT NULL, created_at INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS events (run_id TEXT NOT NULL, seq INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (run_id, seq));`);
}

export const chatRunEvents = (sql: SqlStorage, runId: string, after: number) =>
  sql.exec<{ seq: number; type: string; data: string }>('SELECT seq, type, data FROM events WHERE run_id = ? AND seq > ? ORDER BY seq', runId, after).toArray();

/** Drops the events of ended runs beyond the newest `KEPT_RUNS`. */
export function pruneRuns(sql: SqlStorage): void {
  const old = sql
    .exec<{ id: string }>("SELECT id FROM runs WHERE state = 'ended' ORDER BY created_at DESC LIMIT -1 OFFSET ?", KEPT_RUNS)
    .toArray()
    .map((r) => r.id);
  for (const id of old) {
    sql.exec('DELETE FROM events WHERE run_id = ?', id);
    sql.exec('DELETE FROM runs WHERE id = ?', id);
  }
}
