import { hubOf, hubRpcError, type RealtimeServiceContext } from './hub';

/** A ticket's lifetime: long enough to open a socket, too short to be worth stealing. */
export const TICKET_TTL_SECONDS = 60;

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

/** SHA-256 of a ticket secret, hex: all a hub keeps. */
export async function hashSecret(secret: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(secret));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** `<tenantId>.<secret>`: the tenant part routes the upgrade to its hub, the secret proves the grant. */
export function splitTicket(ticket: string): { tenantId: string; secret: string } | null {
  const match = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{43})$/.exec(ticket);
  return match ? { tenantId: match[1]!, secret: match[2]! } : null;
}

export interface IssuedTicket {
  ticket: string;
  expiresAt: Date;
}

/**
 * Issues a single-use ticket to open a WebSocket to the tenant's hub within 60 s. The secret is
 * returned once; the hub stores only its hash with the subject, topics and expiry.
 *
 * @example
 * const { ticket } = await issueTicket({ ctx, input: { tenantId, subject: `user:${userId}`, topics: ['datasets'] } });
 */
export async function issueTicket({ ctx, input }: { ctx: RealtimeServiceContext; input: { tenantId: string; subject: string; topics: string[] } }): Promise<IssuedTicket> {
  const secret = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const expiresAt = new Date(Date.now() + TICKET_TTL_SECONDS * 1000);
  const hub = hubOf(ctx, input.tenantId);
  try {
    await hub.storeTicket(input.tenantId, { hash: await hashSecret(secret), subject: input.subject, topics: input.topics, expiresAt: expiresAt.getTime() });
  } catch (error) {
    hubRpcError(error);
  }
  return { ticket: `${input.tenantId}.${secret}`, expiresAt };
}
