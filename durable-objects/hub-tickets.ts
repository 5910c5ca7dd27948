import { MAX_PENDING_TICKETS } from '../worker/realtime/protocol';
import type { TicketGrant } from '../worker/realtime/publisher';

/** A redeemed ticket: who connects and the topics they asked for. */
export interface RedeemedTicket {
  subject: string;
  topics: string[];
}

const HEX_SHA256 = /^[0-9a-f]{64}$/;

/** Keeps a ticket's hash until it is redeemed or expires; expired tickets are purged first. */
export function storeTicket(sql: SqlStorage, grant: TicketGrant, now = Date.now()): void {
  if (!HEX_SHA256.test(grant.hash)) throw new Error('REALTIME_INVALID_TICKET: the ticket hash is not a SHA-256');
  sql.exec('DELETE FROM tickets WHERE expires_at <= ?', now);
  const { pending } = sql.exec<{ pending: number }>('SELECT COUNT(*) AS pending FROM tickets').one();
  if (pending >= MAX_PENDING_TICKETS) throw new Error('REALTIME_TOO_MANY_TICKETS: too many unredeemed tickets for this tenant; retry in a minute');
  sql.exec('INSERT INTO tickets (hash, subject, topics, expires_at) VALUES (?, ?, ?, ?)', grant.hash, grant.subject, JSON.stringify(grant.topics), grant.expiresAt);
}

/**
 * Redeems a ticket exactly once: the row is deleted by the same statement that reads it, so a
 * second use finds nothing. `null` for an unknown, used or expired ticket (callers answer 401).
 */
export function redeemTicket(sql: SqlStorage, hash: string, now = Date.now()): RedeemedTicket | null {
  if (!HEX_SHA256.test(hash)) return null;
  const row = sql.exec<{ subject: string; topics: string; expires_at: number }>('DELETE FROM tickets WHERE hash = ? RETURNING subject, topics, expires_at', hash).toArray()[0];
  if (!row || row.expires_at <= now) return null;
  return { subject: row.subject, topics: JSON.parse(row.topics) as string[] };
}
